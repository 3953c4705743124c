/** Where evidence files' bytes live. Local disk by default; anything content-addressed can stand in. */
import type { Readable } from "node:stream";

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface EvidenceStorage {
  /**
   * Streams the bytes in, refusing more than `maxBytes`; identical content is stored once. The `head` is the
   * first bytes, for sniffing the content type; `accept` sees them once all bytes arrived and may refuse them
   * (throw) before anything is kept.
   */
  put(
    content: Readable,
    maxBytes: number,
    accept?: (head: Buffer, size: number) => void | Promise<void>,
  ): Promise<StoredBlob & { head: Buffer }>;
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
}
