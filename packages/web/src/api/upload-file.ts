/**
 * Uploads one file with XMLHttpRequest, for its upload progress (fetch has none): multipart with the given fields
 * before the file (the server reads them in that order) and the session's CSRF token. Evidence, offline workbooks
 * and document templates all go through here.
 */
import { ApiError, networkError, toApiError } from "./errors.js";

export interface FileUpload {
  /** The API path, e.g. `/api/v1/campaigns/…/evidence`. */
  url: string;
  method?: "POST" | "PUT";
  /** Form fields sent before the file. */
  fields?: Record<string, string>;
  file: File;
  csrfToken: string;
  /** The status codes that mean success (default 200 and 201). */
  ok?: readonly number[];
  onProgress?(percent: number): void;
}

export function uploadFile<T>(upload: FileUpload): { done: Promise<T>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const ok = upload.ok ?? [200, 201];
  const done = new Promise<T>((resolve, reject) => {
    xhr.open(upload.method ?? "POST", upload.url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("X-CSRF-Token", upload.csrfToken);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) upload.onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (ok.includes(xhr.status)) resolve(xhr.response as T);
      else reject(toApiError(xhr.status, xhr.response));
    };
    xhr.onerror = () => reject(networkError(new Error("upload failed")));
    xhr.onabort = () => reject(new ApiError("network", 0, { zh: "已取消上传", en: "Upload cancelled" }));
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields ?? {})) form.append(name, value);
    form.append("file", upload.file, upload.file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
