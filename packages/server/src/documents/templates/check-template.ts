/**
 * Checks an uploaded .docx template against a document kind before it is kept: docxtemplater parses it (its
 * syntax errors — an unclosed loop, a tag closed by another, an unclosed brace — are refused), then every
 * placeholder is looked up in the kind's sample model the way docxtemplater resolves it at fill time (the loop's
 * item first, then the enclosing scopes), and every loop must run over a list or a yes/no field. Each problem names
 * the placeholder and where it is: the part of the document and the paragraph, with the paragraph's opening words.
 */
import Docxtemplater from "docxtemplater";
import PizZip from "pizzip";
import { AppError, type ErrorDetail } from "../../errors.js";
import type { DocumentKind } from "../document-kind.js";
import { TEMPLATE_OPTIONS } from "./fill-template.js";

interface Part {
  type: string;
  value: string;
  module?: string;
  inverted?: boolean;
  offset?: number;
  subparsed?: Part[];
}

interface CompiledFile {
  postparsed: Part[];
}

interface TemplateErrorProperties {
  id?: string;
  explanation?: string;
  xtag?: string;
  offset?: number | number[];
  file?: string;
  openingtag?: string;
  closingtag?: string;
  errors?: Array<{ properties?: TemplateErrorProperties }>;
}

/** The paragraphs' text of one part of the package, to turn docxtemplater's text offsets into places. */
function paragraphTexts(zip: PizZip, file: string): string[] {
  const xml = zip.file(file)?.asText() ?? "";
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => t[1]!)
      .join("")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&"),
  );
}

const PART_NAMES: Array<[RegExp, string]> = [
  [/^word\/document\.xml$/, "正文"],
  [/^word\/header\d*\.xml$/, "页眉"],
  [/^word\/footer\d*\.xml$/, "页脚"],
];

/** "正文第3段（“{#indicators}{code}…”）": the part, the paragraph's number and its opening words. */
export function locate(zip: PizZip, file: string | undefined, offset: number | undefined): string {
  if (file === undefined) return "模板";
  const part = PART_NAMES.find(([pattern]) => pattern.test(file))?.[1] ?? file;
  if (offset === undefined) return part;
  const paragraphs = paragraphTexts(zip, file);
  let seen = 0;
  for (const [i, text] of paragraphs.entries()) {
    seen += text.length;
    if (offset < seen) {
      const words = [...text].length > 24 ? `${[...text].slice(0, 24).join("")}…` : text;
      return `${part}第${i + 1}段（“${words}”）`;
    }
  }
  return part;
}

const SYNTAX: Record<string, (p: TemplateErrorProperties) => string> = {
  unclosed_loop: (p) => `循环 {#${p.xtag}} 没有结束标记 {/${p.xtag}} / The loop {#${p.xtag}} is never closed`,
  unopened_loop: (p) => `结束标记 {/${p.xtag}} 没有对应的 {#${p.xtag}} / {/${p.xtag}} closes no loop`,
  closing_tag_does_not_match_opening_tag: (p) =>
    `循环 {#${p.openingtag}} 被 {/${p.closingtag}} 结束，二者应一致 / {#${p.openingtag}} is closed by {/${p.closingtag}}`,
  unclosed_tag: (p) =>
    `占位符 {${p.xtag} 缺少右花括号 }（或其中含有格式不同的文字）/ The tag {${p.xtag} is not closed`,
  unopened_tag: (p) => `多余的右花括号 }（占位符 ${p.xtag ?? ""}）/ A closing brace opens no tag`,
  duplicate_open_tag: (p) => `占位符 {${p.xtag} 中重复出现左花括号 { / A second opening brace in {${p.xtag}`,
  duplicate_close_tag: (p) =>
    `占位符 ${p.xtag}} 中重复出现右花括号 } / A second closing brace after ${p.xtag}`,
};

function syntaxDetails(zip: PizZip, error: unknown): ErrorDetail[] | null {
  const properties = (error as { properties?: TemplateErrorProperties }).properties;
  if (properties === undefined) return null;
  const list = properties.errors?.map((e) => e.properties ?? {}) ?? [properties];
  return list.map((p) => {
    const offset = Array.isArray(p.offset) ? p.offset[0] : p.offset;
    const message =
      SYNTAX[p.id ?? ""]?.(p) ?? `模板语法错误 / Template syntax error: ${p.explanation ?? p.id}`;
    return { path: locate(zip, p.file, offset), message };
  });
}

/** The kind of value a model field holds, as docxtemplater sees it. */
const isList = (value: unknown): value is unknown[] => Array.isArray(value);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Looks a tag up the scope chain, innermost first; `.` is the current item. */
function resolve(scopes: readonly unknown[], tag: string): { found: boolean; value: unknown } {
  if (tag === ".") return { found: true, value: scopes.at(-1) };
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i];
    if (isRecord(scope) && Object.hasOwn(scope, tag)) return { found: true, value: scope[tag] };
  }
  return { found: false, value: undefined };
}

function placeholderDetails(
  zip: PizZip,
  file: string,
  parts: readonly Part[],
  kind: DocumentKind,
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const visit = (list: readonly Part[], scopes: readonly unknown[], loops: readonly string[]) => {
    for (const part of list) {
      if (part.type !== "placeholder") continue;
      const tag = part.value.trim();
      const where = locate(zip, file, part.offset);
      const shown = part.module === "loop" ? `{${part.inverted ? "^" : "#"}${tag}}` : `{${tag}}`;
      const inside = loops.length === 0 ? "" : `（在循环 ${loops.map((l) => `{#${l}}`).join(" › ")} 内）`;
      if (part.module !== undefined && part.module !== "loop") {
        details.push({
          path: where,
          message: `模板中的占位符 ${part.module === "rawxml" ? `{@${tag}}` : shown} 不受支持，只可使用 {字段} 和 {#列表}…{/列表} / Only {field} and {#list}…{/list} placeholders are supported`,
        });
        continue;
      }
      const { found, value } = resolve(scopes, tag);
      if (!found) {
        details.push({
          path: where,
          message: `模板中的占位符 ${shown} 不存在${inside}：${kind.zh}没有字段“${tag}”，可用的占位符见文书模板说明 / The placeholder ${shown} is not a field of ${kind.en}`,
        });
        continue;
      }
      if (part.module === "loop") {
        if (isList(value)) {
          visit(part.subparsed ?? [], [...scopes, value[0] ?? {}], [...loops, tag]);
        } else if (typeof value === "boolean") {
          visit(part.subparsed ?? [], scopes, loops);
        } else {
          details.push({
            path: where,
            message: `模板中的循环 ${shown} 不是列表或是否字段，不能循环 / The loop ${shown} is over neither a list nor a yes/no field`,
          });
        }
      } else if (isList(value) || isRecord(value)) {
        details.push({
          path: where,
          message: `模板中的占位符 ${shown} 是列表，应写成循环 {#${tag}}…{/${tag}} / ${shown} is a list: loop over it with {#${tag}}…{/${tag}}`,
        });
      }
    }
  };
  visit(parts, [kind.sample], []);
  return details;
}

/** Refuses a template that docxtemplater cannot parse or whose placeholders the kind's model does not have. */
export function checkTemplate(content: Buffer, kind: DocumentKind): void {
  let zip: PizZip;
  try {
    zip = new PizZip(content);
    if (zip.file("word/document.xml") === null) throw new Error("no word/document.xml");
  } catch {
    throw new AppError("unsupported_media", [
      { path: "file", message: "不是 Word 文档（.docx）/ The file is not a Word document (.docx)" },
    ]);
  }
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zip, { ...TEMPLATE_OPTIONS, errorLogging: false });
  } catch (error) {
    const details = syntaxDetails(zip, error);
    if (details === null) throw error;
    throw templateError(details);
  }
  const compiled = (doc as unknown as { compiled: Record<string, CompiledFile> }).compiled;
  const details = Object.entries(compiled).flatMap(([file, c]) =>
    placeholderDetails(zip, file, c.postparsed, kind),
  );
  if (details.length > 0) throw templateError(details);
}

function templateError(details: ErrorDetail[]): AppError {
  return new AppError("invalid_template", details, {
    zh: "文书模板有误，请按提示修改后重新上传",
    en: "The document template has errors; correct them and upload it again",
  });
}
