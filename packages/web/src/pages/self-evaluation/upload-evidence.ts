/**
 * Uploads one evidence file with XMLHttpRequest, for its upload progress (fetch has none): multipart with the
 * indicator code before the file, as the server reads them, and the session's CSRF token.
 */
import { ApiError, networkError, toApiError } from "../../api/errors.js";
import type { Evidence } from "./types.js";

export interface UploadRequest {
  campaignId: string;
  organisationId: string;
  indicatorCode: string;
  file: File;
  csrfToken: string;
  onProgress(percent: number): void;
}

export function uploadEvidence(request: UploadRequest): { done: Promise<Evidence>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Evidence>((resolve, reject) => {
    const url = `/api/v1/campaigns/${encodeURIComponent(request.campaignId)}/self-evaluations/${encodeURIComponent(
      request.organisationId,
    )}/evidence`;
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("X-CSRF-Token", request.csrfToken);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) request.onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status === 201) resolve(xhr.response as Evidence);
      else reject(toApiError(xhr.status, xhr.response));
    };
    xhr.onerror = () => reject(networkError(new Error("upload failed")));
    xhr.onabort = () => reject(new ApiError("network", 0, { zh: "已取消上传", en: "Upload cancelled" }));
    const form = new FormData();
    form.append("indicatorCode", request.indicatorCode);
    form.append("file", request.file, request.file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
