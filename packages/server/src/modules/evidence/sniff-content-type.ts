/**
 * The content type of an uploaded file, decided from its first bytes (never from what the client claims):
 * PDF, images, Office files (OOXML and the older OLE ones), ZIP, or plain UTF-8 text. Anything else is refused.
 */
import { fileTypeFromBuffer } from "file-type";
import { AppError } from "../../errors.js";

const ALLOWED: Record<string, string> = {
  pdf: "application/pdf",
  jpg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  zip: "application/zip",
};

/** OLE compound files (.doc, .xls, .ppt) look alike; the name's extension tells which Office program. */
const OLE_BY_EXTENSION: Record<string, string> = {
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
};

const extensionOf = (name: string): string => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";

function isUtf8Text(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    // stream: a character cut at the end of the head is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export async function sniffContentType(head: Buffer, name: string): Promise<string> {
  const detected = await fileTypeFromBuffer(head);
  if (detected === undefined) {
    if (head.length > 0 && isUtf8Text(head))
      return extensionOf(name) === "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8";
    throw refused("unknown binary content");
  }
  if (detected.ext === "cfb") return OLE_BY_EXTENSION[extensionOf(name)] ?? "application/x-cfb";
  const type = ALLOWED[detected.ext];
  if (type === undefined) throw refused(`${detected.ext} (${detected.mime})`);
  return type;
}

const refused = (what: string) =>
  new AppError("unsupported_media", [
    {
      path: "file",
      message: `${what} is not accepted; upload PDF, images, Office documents, ZIP or text / 仅接受 PDF、图片、Office 文档、ZIP 或文本文件`,
    },
  ]);
