/**
 * Evidence on local disk, addressed by SHA-256: `<dir>/ab/cd/<hash>`. Bytes stream to a temporary file while
 * they are hashed and counted; past the size limit the upload is abandoned; identical content is kept once.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { AppError } from "../errors.js";
import type { EvidenceStorage, StoredBlob } from "./evidence-storage.js";

const HEAD_BYTES = 4100;

export class LocalDiskStorage implements EvidenceStorage {
  constructor(readonly dir: string) {}

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256))
      throw new AppError("validation", [{ path: "sha256", message: "not a SHA-256 hash" }]);
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(
    content: Readable,
    maxBytes: number,
    accept?: (head: Buffer, size: number) => void | Promise<void>,
  ): Promise<StoredBlob & { head: Buffer }> {
    const incoming = path.join(this.dir, "incoming");
    await fs.promises.mkdir(incoming, { recursive: true });
    const temporary = path.join(incoming, randomUUID());
    const hash = createHash("sha256");
    const headParts: Buffer[] = [];
    let size = 0;
    let headSize = 0;
    const file = await fs.promises.open(temporary, "w");
    try {
      for await (const chunk of content) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        if (size > maxBytes) {
          throw new AppError("payload_too_large", [
            { path: "file", message: `larger than ${maxBytes} bytes` },
          ]);
        }
        if (headSize < HEAD_BYTES) {
          headParts.push(buffer.subarray(0, HEAD_BYTES - headSize));
          headSize += Math.min(buffer.length, HEAD_BYTES - headSize);
        }
        hash.update(buffer);
        await file.write(buffer);
      }
      await file.sync();
      await accept?.(Buffer.concat(headParts), size);
    } catch (error) {
      await file.close();
      await fs.promises.rm(temporary, { force: true });
      throw error;
    }
    await file.close();
    const sha256 = hash.digest("hex");
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) {
      await fs.promises.rm(temporary, { force: true });
    } else {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(temporary, target);
    }
    return { sha256, size, head: Buffer.concat(headParts) };
  }

  async get(sha256: string): Promise<Readable> {
    const target = this.pathOf(sha256);
    if (!(await this.has(sha256)))
      throw new AppError("not_found", [{ path: "file", message: "content missing from the store" }]);
    return fs.createReadStream(target);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.promises.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }
}
