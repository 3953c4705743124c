/** Evidence storage in memory, for queue tests that make thousands of tiny outputs without touching the disk. */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { notFound } from "../../errors.js";
import type { EvidenceStorage, StoredBlob } from "../../storage/evidence-storage.js";

export class MemoryStorage implements EvidenceStorage {
  readonly blobs = new Map<string, Buffer>();

  async put(content: Readable): Promise<StoredBlob & { head: Buffer }> {
    const bytes = Buffer.concat(await content.toArray());
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    this.blobs.set(sha256, bytes);
    return { sha256, size: bytes.length, head: bytes.subarray(0, 4100) };
  }

  async get(sha256: string): Promise<Readable> {
    const bytes = this.blobs.get(sha256);
    if (bytes === undefined) throw notFound("blob");
    return Readable.from([bytes]);
  }

  async has(sha256: string): Promise<boolean> {
    return this.blobs.has(sha256);
  }
}
