/**
 * What the table imports say to their parsing thread and back (table-import-worker.ts, table-parser.ts). One thread
 * serves every import of the process, each import a session with its own id.
 */
import type { Table } from "@kaoping/core";
import type { JsonBatch } from "../db/json-batches.js";
import type { ErrorDetail } from "../errors.js";
import type { RowKeyIndexState } from "./row-key-index.js";
import type { WorkbookMeta } from "./workbook-meta.js";

/** Batches a session may send before the writer has taken the first of them. */
export const BATCHES_AHEAD = 4;

/**
 * The file's chunks sent ahead of what the parser has taken. The parser's zip reader must get the file at the pace
 * it reads it, as from a file: given the whole file at once it now and then ends before the last entries
 * (xl/workbook.xml), and the sheets come out nameless.
 */
export const CHUNKS_AHEAD = 16;

export type ToParser = { id: number } & (
  | { type: "start"; table: Table }
  | { type: "chunk"; bytes: Uint8Array }
  | { type: "end" }
  | { type: "abort"; message: string }
  /** The writer has taken a batch: one more may be sent. */
  | { type: "taken" }
);

export type ParserDone = {
  type: "done";
  meta: WorkbookMeta | null;
  rows: number;
  unlisted: number;
  problems: ErrorDetail[];
  keys: RowKeyIndexState;
  /** The parsing thread's heap growth during the session, at its peak, in bytes. */
  heapGrowth: number;
};

/** The thread has loaded its modules (id 0). */
export type ParserReady = { type: "ready" };

export type FromParser = { id: number } & (
  | ParserReady
  /** The parser has taken a chunk of the file: one more may be sent. */
  | { type: "chunk-taken" }
  | { type: "batch"; batch: JsonBatch }
  | ParserDone
  | { type: "failed"; message: string }
);
