/**
 * An uploaded file's original name, made safe to keep and to send back in Content-Disposition: only the last path
 * segment, no "..", no control or bidirectional-override characters, no characters Windows refuses, at most 120
 * characters (the extension kept). Chinese and other letters stay as they are.
 */
const MAX_LENGTH = 120;

/** Control characters (C0, DEL, C1) and the zero-width and bidirectional format characters. */
const isHidden = (code: number): boolean =>
  code < 0x20 ||
  (code >= 0x7f && code <= 0x9f) ||
  (code >= 0x200b && code <= 0x200f) ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069) ||
  code === 0xfeff;

export function sanitiseFileName(raw: string): string {
  let name = raw.normalize("NFC");
  // Control characters (C0, DEL, C1) and the bidi/zero-width format characters used to disguise extensions.
  name = [...name].filter((c) => !isHidden(c.codePointAt(0) ?? 0)).join("");
  name = name.split(/[/\\]/).pop() ?? "";
  name = name.replace(/\.{2,}/g, ".");
  name = name.replace(/[<>:"|?*]/g, "_");
  name = name
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if ([...name].length > MAX_LENGTH) {
    const chars = [...name];
    const dot = name.lastIndexOf(".");
    const extension = dot > 0 && name.length - dot <= 10 ? [...name.slice(dot)] : [];
    name = chars.slice(0, MAX_LENGTH - extension.length).join("") + extension.join("");
  }
  return name === "" ? "file" : name;
}

/** Content-Disposition for a download: an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
