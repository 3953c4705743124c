/**
 * The parsing thread of table imports. PGlite runs its database in WebAssembly on the thread that calls it, so
 * reading a workbook on that same thread would add the two times up; here files are read, checked and turned into
 * JSON batches on a thread of its own while the server's thread writes the batches already read. The thread is
 * started once and kept (starting one, with exceljs loaded, costs most of a second).
 */
import { PassThrough } from "node:stream";
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import type { Table } from "@kaoping/core";
import type { JsonBatch } from "../db/json-batches.js";
import type { ErrorDetail } from "../errors.js";
import { readTableWorkbookBatches } from "./read-table-workbook.js";
import { BATCHES_AHEAD, type FromParser, type ToParser } from "./table-import-messages.js";

const port = parentPort!;

class Session {
  readonly input = new PassThrough();
  private ahead = 0;
  private wake: (() => void) | undefined;
  /** The import gave up (its write failed): the rest of the file is read through and its rows dropped. */
  private aborted = false;
  private readonly heapAtStart = getHeapStatistics().used_heap_size;
  private heapPeak = this.heapAtStart;

  constructor(private readonly id: number) {}

  taken(): void {
    this.ahead--;
    this.wake?.();
  }

  abort(message: string): void {
    this.aborted = true;
    this.input.destroy(new Error(message));
    this.wake?.();
  }

  private sampleHeap(): void {
    this.heapPeak = Math.max(this.heapPeak, getHeapStatistics().used_heap_size);
  }

  private async send(batch: JsonBatch): Promise<void> {
    while (this.ahead >= BATCHES_AHEAD && !this.aborted)
      await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.aborted) return;
    this.ahead++;
    this.sampleHeap();
    port.postMessage({ id: this.id, type: "batch", batch } satisfies FromParser);
  }

  async run(table: Table): Promise<void> {
    const problems: ErrorDetail[] = [];
    const read = await readTableWorkbookBatches(this.input, table, problems, (batch) => this.send(batch));
    this.sampleHeap();
    const keys = read.keys.state();
    const done: FromParser = {
      id: this.id,
      type: "done",
      meta: read.meta,
      rows: read.rows,
      unlisted: read.unlisted,
      problems,
      keys,
      heapGrowth: this.heapPeak - this.heapAtStart,
    };
    const arrays = [keys.units, keys.starts, keys.lengths, keys.hashes, keys.rows, keys.slots];
    port.postMessage(
      done,
      arrays.map((array) => array.buffer as ArrayBuffer),
    );
  }
}

const sessions = new Map<number, Session>();

port.on("message", (message: ToParser) => {
  if (message.type === "start") {
    const session = new Session(message.id);
    sessions.set(message.id, session);
    session
      .run(message.table)
      .catch((error: unknown) =>
        port.postMessage({
          id: message.id,
          type: "failed",
          message: (error as Error).message,
        } satisfies FromParser),
      )
      .finally(() => sessions.delete(message.id));
    return;
  }
  const session = sessions.get(message.id);
  if (session === undefined) return;
  if (message.type === "chunk")
    session.input.write(message.bytes, () =>
      port.postMessage({ id: message.id, type: "chunk-taken" } satisfies FromParser),
    );
  else if (message.type === "end") session.input.end();
  else if (message.type === "abort") session.abort(message.message);
  else session.taken();
});

port.postMessage({ id: 0, type: "ready" } satisfies FromParser);
