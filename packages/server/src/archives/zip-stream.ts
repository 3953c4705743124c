/**
 * ZIP files built as streams: entries are appended one at a time, each waiting until the archive has consumed the
 * previous one, so an archive of any size holds at most one entry's buffers, and the reader's pace (an HTTP client,
 * the storage) sets the pace of everything upstream.
 */
import type { Readable } from "node:stream";
import { ZipArchive } from "archiver";

export type Zip = ZipArchive;

/** Content types that are compressed already: stored as they are, deflating them again only costs time. */
const COMPRESSED =
  /^(image\/(jpeg|png|gif|webp)|video\/|audio\/|application\/(zip|pdf|x-7z|x-rar|gzip|vnd\.openxmlformats))/;

export const alreadyCompressed = (contentType: string): boolean => COMPRESSED.test(contentType);

/** Appends one entry and resolves once the archive has taken all of it in. */
export function appendEntry(
  zip: Zip,
  source: Readable | Buffer,
  entry: { name: string; date: Date; store?: boolean },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = Buffer.isBuffer(source) ? null : source;
    const finish = (error?: Error) => {
      zip.off("entry", onEntry);
      zip.off("error", finish);
      zip.off("close", onClose);
      stream?.off("error", finish);
      if (error === undefined) return resolve();
      stream?.destroy();
      reject(error);
    };
    const onEntry = () => finish();
    // The reader went away (a closed download): stop building.
    const onClose = () => finish(new Error("the archive was closed before it was complete"));
    zip.on("entry", onEntry);
    zip.on("error", finish);
    zip.on("close", onClose);
    stream?.on("error", finish);
    zip.append(source, { name: entry.name, date: entry.date, ...(entry.store ? { store: true } : {}) });
  });
}

/**
 * A ZIP whose entries `fill` appends; the stream ends when `fill` is done, or fails with its error (a reader sees
 * a broken download rather than a truncated file that looks complete).
 */
export function zipStream(fill: (zip: Zip) => Promise<void>): Readable {
  const zip = new ZipArchive({ zlib: { level: 6 } });
  // `fill` may fail before the reader listens; the error stays on the stream, and a reader that comes later
  // (iterating or piping it) still gets it.
  zip.on("error", () => undefined);
  fill(zip).then(
    () => zip.finalize().catch((error: unknown) => zip.destroy(asError(error))),
    (error: unknown) => zip.destroy(asError(error)),
  );
  return zip as unknown as Readable;
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
