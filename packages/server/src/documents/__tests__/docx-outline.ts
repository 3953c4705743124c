/**
 * Reading generated .docx files in tests: downloads as raw bytes, the main part's XML, and an outline (each
 * top-level paragraph's style and text, each table's header row) to pin a document's structure in a snapshot.
 */
import PizZip from "pizzip";
import type { Api } from "../../http/api.js";
import { IN_PROCESS_AGENT, TEST_PASSWORD } from "../../http/in-process-client.js";

export interface Session {
  cookie: string;
  csrf: string;
}

export async function session(app: Api, username: string): Promise<Session> {
  const response = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    headers: { "user-agent": IN_PROCESS_AGENT },
    payload: { username, password: TEST_PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "kaoping_session");
  return { cookie: `kaoping_session=${cookie?.value}`, csrf: response.json().csrfToken };
}

/** GET with the raw bytes kept (the in-process client reads bodies as text). */
export async function download(app: Api, who: Session, url: string) {
  const response = await app.inject({
    method: "GET",
    url: `/api/v1${url}`,
    headers: { "user-agent": IN_PROCESS_AGENT, cookie: who.cookie },
  });
  return { status: response.statusCode, headers: response.headers, content: response.rawPayload };
}

export function documentXml(docx: Buffer, part = "word/document.xml"): string {
  return new PizZip(docx).file(part)?.asText() ?? "";
}

const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join("")
    .replace(/&amp;/g, "&");

/** "KpHeading1 | 一、基本情况", "TABLE | 编号 | 指标 | …": the body's blocks in order, empty paragraphs left out. */
export function outline(docx: Buffer): string[] {
  const xml = documentXml(docx);
  const blocks = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  return blocks.flatMap((block) => {
    if (block.startsWith("<w:tbl>")) {
      const header = /<w:tr[ >][\s\S]*?<\/w:tr>/.exec(block)?.[0] ?? "";
      const cells = header.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? [];
      return [["TABLE", ...cells.map(textOf)].join(" | ")];
    }
    const style = /<w:pStyle w:val="([^"]+)"/.exec(block)?.[1] ?? "-";
    const text = textOf(block);
    return text === "" ? [] : [`${style} | ${text}`];
  });
}

export function multipart(name: string, content: Buffer) {
  const boundary = `----kaoping${Math.random().toString(16).slice(2)}`;
  return {
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
          "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n",
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** Every row of the body's `index`-th table, as its cells' texts. */
export function tableRows(docx: Buffer, index: number): string[][] {
  const table = documentXml(docx).match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)?.[index] ?? "";
  return (table.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).map((row) =>
    (row.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map(textOf),
  );
}
