/**
 * A jsonb query parameter for large JSON (a batch of rows), held in jsonb's binary form: a version byte, then the
 * UTF-8 text, in a Buffer outside the JS heap. node-postgres sends the Buffer as it is; PGlite, which runs in this
 * process, is given the text back by PGlitePool. Held as a string instead, the JSON of every statement in flight
 * outlived two collections and was moved to the old generation: on a 100,000-row import that was about 20 MiB more
 * peak heap (and more RSS).
 */
export class JsonbParameter {
  readonly bytes: Buffer;

  constructor(json: string) {
    this.bytes = Buffer.allocUnsafe(1 + Buffer.byteLength(json));
    this.bytes[0] = 1;
    this.bytes.write(json, 1);
  }

  get text(): string {
    return this.bytes.toString("utf8", 1);
  }

  /** node-postgres's hook for parameters of its users' own types. */
  toPostgres(): Buffer {
    return this.bytes;
  }
}
