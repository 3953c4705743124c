/**
 * Downloads a generated file (a Word document, a workbook) through fetch, so a refusal or a server error is shown
 * as a message instead of a JSON page; the name comes from the server's Content-Disposition. Archives, which can
 * be large, are plain links instead: the browser streams those to disk.
 */
import { networkError, toApiError } from "./errors.js";

/** The file name of a Content-Disposition header: the UTF-8 `filename*` when present, else `filename`. */
export function dispositionFileName(header: string | null): string | null {
  if (header === null) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended !== null) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      return null;
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin" });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw toApiError(response.status, body);
  }
  saveBlob(
    await response.blob(),
    dispositionFileName(response.headers.get("content-disposition")) ?? fallbackName,
  );
}

/** Hands a file made in the browser or fetched some other way (a POST's answer) to the browser to save. */
export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
