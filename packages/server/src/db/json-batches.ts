/**
 * Rows sent to the database as one JSON parameter per statement, unpacked there by jsonb_to_recordset (far cheaper
 * for the database to parse than thousands of bound values). Each row is turned into JSON as it arrives, so only
 * its text waits for the statement. Pure: a table import builds its batches on a parsing thread of its own.
 */

/** Rows per statement, at most (fewer when their JSON reaches BATCH_CHARS). */
export const ROW_BATCH = 1000;

/**
 * A statement's JSON, at most this many characters: a larger string would be allocated outside V8's young
 * generation and linger until a full collection.
 */
const BATCH_CHARS = 48_000;

export interface JsonBatch {
  /** A JSON array of the rows. */
  json: string;
  count: number;
  /** The first row's key, to locate a refusal. */
  firstKey: string;
}

export class JsonBatcher {
  /** The pending batch: "[", row, ",", row, …. */
  private parts: string[] = [];
  private count = 0;
  private chars = 0;
  private firstKey = "";

  constructor(private readonly onBatch: (batch: JsonBatch) => Promise<void>) {}

  async add(row: { key: string }): Promise<void> {
    const json = JSON.stringify(row);
    if (this.count === 0) this.firstKey = row.key;
    this.parts.push(this.count === 0 ? "[" : ",", json);
    this.count++;
    this.chars += json.length;
    if (this.count >= ROW_BATCH || this.chars >= BATCH_CHARS) await this.flush();
  }

  /** Hands on the rows added since the last batch, if any. */
  async flush(): Promise<void> {
    if (this.count === 0) return;
    this.parts.push("]");
    // Joined into one flat string: a concatenation would be copied once more by the driver to flatten it.
    const batch = { json: this.parts.join(""), count: this.count, firstKey: this.firstKey };
    this.parts = [];
    this.count = 0;
    this.chars = 0;
    await this.onBatch(batch);
  }
}
