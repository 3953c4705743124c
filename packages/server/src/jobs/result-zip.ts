/**
 * A finished job's result: one ZIP with one file per unit done, assembled from the units' outputs in the storage
 * (a page of units at a time) and streamed into the storage again, so neither the list nor the bytes are ever
 * held whole.
 */
import { appendEntry, zipStream } from "../archives/zip-stream.js";
import type { Services } from "../context.js";
import type { StoredBlob } from "../storage/evidence-storage.js";
import { doneItems } from "./queue.js";

const PAGE = 200;

export async function storeResultZip(services: Services, jobId: string, date: Date): Promise<StoredBlob> {
  const zip = zipStream(async (archive) => {
    for (let after = 0; ; ) {
      const items = await doneItems(services.db, jobId, after, PAGE);
      for (const item of items) {
        await appendEntry(archive, await services.storage.get(item.sha256), {
          name: item.name,
          date,
          // Word files and unit archives are ZIPs already.
          store: true,
        });
      }
      if (items.length < PAGE) return;
      after = items[items.length - 1]!.position;
    }
  });
  const stored = await services.storage.put(zip, Number.MAX_SAFE_INTEGER);
  return { sha256: stored.sha256, size: stored.size };
}
