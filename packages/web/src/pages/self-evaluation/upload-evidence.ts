/** Uploads one evidence file to an indicator of a self-evaluation, with its progress. */
import { uploadFile } from "../../api/upload-file.js";
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
  return uploadFile<Evidence>({
    url: `/api/v1/campaigns/${encodeURIComponent(request.campaignId)}/self-evaluations/${encodeURIComponent(
      request.organisationId,
    )}/evidence`,
    fields: { indicatorCode: request.indicatorCode },
    file: request.file,
    csrfToken: request.csrfToken,
    ok: [201],
    onProgress: request.onProgress,
  });
}
