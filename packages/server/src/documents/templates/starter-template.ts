/**
 * A starter template for a kind, in the house style: every placeholder once, each after its Chinese description —
 * fields as lines, yes/no fields as conditions, lists of plain fields as table-row loops and lists holding lists as
 * paragraph loops. An office edits it into its own layout rather than starting from an empty page.
 */
import type { Paragraph, Table } from "docx";
import type { DocumentKind } from "../document-kind.js";
import { body, heading1, heading2, houseDocument, houseTable, title } from "../house-style.js";
import { type Placeholder, placeholderTree } from "./placeholder-tree.js";

const label = (p: Placeholder) => (p.description === "" ? p.field : p.description);

/** One line per field of a list item, nested lists inline as loops. */
function itemLines(fields: readonly Placeholder[]): string[] {
  return fields.map((f) =>
    f.type === "list"
      ? `${label(f)}：{#${f.field}}${(f.fields ?? []).map((g) => `{${g.field}}`).join(" ")}；{/${f.field}}`
      : f.type === "boolean"
        ? `${label(f)}：{#${f.field}}是{/${f.field}}{^${f.field}}否{/${f.field}}`
        : `${label(f)}：{${f.field}}`,
  );
}

function listBlock(p: Placeholder): Array<Paragraph | Table> {
  const fields = p.fields ?? [];
  const flat = fields.every((f) => f.type !== "list");
  if (flat && fields.length > 1) {
    const widths = fields.map(() => 1 / fields.length);
    const cells = fields.map((f, i) => {
      const open = i === 0 ? `{#${p.field}}` : "";
      const close = i === fields.length - 1 ? `{/${p.field}}` : "";
      const value = f.type === "boolean" ? `{#${f.field}}是{/${f.field}}` : `{${f.field}}`;
      return `${open}${value}${close}`;
    });
    return [
      heading2(`${label(p)}（表格行循环 {#${p.field}}…{/${p.field}}）`),
      houseTable(fields.map(label), [cells], widths),
    ];
  }
  const lines = fields.length === 0 ? ["{.}"] : itemLines(fields);
  return [
    heading2(`${label(p)}（段落循环）`),
    ...body(`{#${p.field}}`),
    ...lines.flatMap((l) => body(l)),
    ...body(`{/${p.field}}`),
  ];
}

export function starterTemplate(kind: DocumentKind): Promise<Buffer> {
  const tree = placeholderTree(kind);
  const children: Array<Paragraph | Table> = [
    title(`${kind.zh}（模板）`),
    ...body(
      `本模板列出${kind.zh}的全部占位符：花括号中的字段名填入内容；以 # 开始、以 / 结束的一对占位符之间的内容，对列表的每一项重复，或在“是”时显示。按本单位格式修改后上传。`,
    ),
    heading1("字段"),
  ];
  for (const p of tree) {
    if (p.type === "list") children.push(...listBlock(p));
    else children.push(...body(itemLines([p])[0]!));
  }
  return houseDocument(children, { title: `${kind.zh}模板` });
}
