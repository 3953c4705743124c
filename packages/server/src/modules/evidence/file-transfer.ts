/** The HTTP ends of stored files: taking one multipart upload in, sending one stored file out. */
import type { MultipartFile } from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../errors.js";
import type { EvidenceDownload, Upload } from "./evidence-blobs.js";
import { contentDisposition } from "./sanitise-file-name.js";

/** The upload's file part (multipart); a request without one is refused, naming the field. */
export async function filePart(request: FastifyRequest): Promise<MultipartFile> {
  const part = await request.file();
  if (part === undefined)
    throw new AppError("validation", [{ path: "body.file", message: "no file in the upload / 未选择文件" }]);
  return part;
}

/** Hands the part's file to `use`, then drains whatever was refused before the bytes were read, so the request ends cleanly. */
export async function consumeUpload<T>(part: MultipartFile, use: (upload: Upload) => Promise<T>): Promise<T> {
  try {
    return await use({ fileName: part.filename, content: part.file });
  } finally {
    part.file.resume();
  }
}

/** Sends a stored file for download under its sanitised name, its sniffed type not to be second-guessed. */
export function sendStored(reply: FastifyReply, file: EvidenceDownload) {
  return reply
    .type(file.contentType)
    .header("content-length", file.size)
    .header("content-disposition", contentDisposition(file.name))
    .header("x-content-type-options", "nosniff")
    .send(file.content);
}
