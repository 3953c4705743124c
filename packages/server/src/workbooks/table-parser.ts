/**
 * Reads a table's workbook on the parsing thread (table-import-worker.ts) and hands its JSON batches to `onBatch`
 * on this thread, one at a time, so that writing one batch overlaps reading the next. A session stays at most a
 * few batches ahead, so a slow database never lets a large file pile up in memory. The thread is started once per
 * process (by the server at start, else by the first import) and keeps the process alive only while it works.
 */
import { channel } from "node:diagnostics_channel";
import type { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import { cellAddress, type Table } from "@kaoping/core";
import type { JsonBatch } from "../db/json-batches.js";
import type { ErrorDetail } from "../errors.js";
import type { TableRead } from "./read-table-workbook.js";
import { RowKeyIndex } from "./row-key-index.js";
import { CHUNKS_AHEAD, type FromParser, type ParserDone, type ToParser } from "./table-import-messages.js";
import { tableSheetName } from "./table-workbook.js";

/**
 * The thread's compiled file: from src/workbooks (tests) and dist/workbooks (the server) alike, two levels up is
 * the package, so tests use the build that `npm run build` (or the tests' global set-up) makes.
 */
const PARSER = new URL("../../dist/workbooks/table-import-worker.js", import.meta.url);

/** Published after each import with the parsing thread's heap growth, for the benchmark to count it. */
export const parserHeapChannel = channel("kaoping:table-import-parser-heap");

type Listener = (message: FromParser) => void;

interface ParserThread {
  worker: Worker;
  sessions: Map<number, Listener>;
  ready: Promise<void>;
}

let thread: ParserThread | undefined;
let nextId = 1;

function parserThread(): ParserThread {
  if (thread !== undefined) return thread;
  const worker = new Worker(PARSER);
  let loaded: () => void = () => {};
  const ready = new Promise<void>((resolve) => (loaded = resolve));
  const current: ParserThread = { worker, sessions: new Map(), ready };
  const fail = (error: Error) => {
    loaded();
    if (thread === current) thread = undefined;
    for (const [id, listener] of current.sessions) listener({ id, type: "failed", message: error.message });
    current.sessions.clear();
  };
  worker.on("message", (message: FromParser) => {
    if (message.type === "ready") {
      loaded();
      if (current.sessions.size === 0) worker.unref();
    } else current.sessions.get(message.id)?.(message);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the parsing thread stopped (${code})`)));
  // The thread holds the process until it has loaded (someone may be waiting for it), then only while it works.
  thread = current;
  return current;
}

/** Starts the parsing thread before the first import needs it; resolves once it has loaded. */
export function startTableParser(): Promise<void> {
  return parserThread().ready;
}

export async function readTableWorkbookThreaded(
  content: Readable,
  table: Table,
  problems: ErrorDetail[],
  onBatch: (batch: JsonBatch) => Promise<void>,
): Promise<TableRead> {
  const { worker, sessions } = parserThread();
  const id = nextId++;
  const tell = (message: ToParser) => worker.postMessage(message);
  let chunksAhead = 0;
  let chunkTaken: (() => void) | undefined;
  let ended = false;
  const finished = new Promise<ParserDone>((resolve, reject) => {
    let writing = Promise.resolve();
    let failed = false;
    sessions.set(id, (message) => {
      if (message.type === "chunk-taken") {
        chunksAhead--;
        chunkTaken?.();
        return;
      }
      if (failed) return;
      if (message.type === "batch")
        writing = writing
          .then(() => onBatch(message.batch))
          .then(
            () => tell({ id, type: "taken" }),
            (error: unknown) => {
              failed = true;
              tell({ id, type: "abort", message: "the import's write failed" });
              reject(error);
            },
          );
      else if (message.type === "done") void writing.then(() => resolve(message));
      else if (message.type === "failed") {
        failed = true;
        reject(new Error(message.message));
      }
    });
  });
  worker.ref();
  try {
    tell({ id, type: "start", table });
    const pumped = (async () => {
      try {
        for await (const chunk of content) {
          while (chunksAhead >= CHUNKS_AHEAD && !ended)
            await new Promise<void>((resolve) => (chunkTaken = resolve));
          // A session that has ended (its write failed) takes nothing more: the upload is read through.
          if (ended) continue;
          chunksAhead++;
          tell({ id, type: "chunk", bytes: chunk as Buffer });
        }
        tell({ id, type: "end" });
      } catch (error) {
        tell({ id, type: "abort", message: (error as Error).message });
      }
    })();
    const done = await finished;
    await pumped;
    for (const p of done.problems) problems.push(p);
    parserHeapChannel.publish({ heapGrowth: done.heapGrowth });
    const sheet = tableSheetName(table);
    return {
      meta: done.meta,
      rows: done.rows,
      unlisted: done.unlisted,
      keys: RowKeyIndex.fromState(done.keys),
      path: (row, column) => cellAddress({ sheet, row, column }),
    };
  } finally {
    ended = true;
    chunkTaken?.();
    sessions.delete(id);
    if (sessions.size === 0) worker.unref();
  }
}
