/**
 * 电子化分类入盒: one unit's evidence archive. One folder per indicator (`<code> <name>`) holding the files
 * uploaded to it, the catalogue workbook 资料目录.xlsx and the generated 自评报告.docx; files are read from the
 * storage one at a time as the archive is written.
 */
import type { CompiledScheme } from "@kaoping/core";
import type { Actor } from "../access/actor.js";
import type { Services } from "../context.js";
import { renderDocument } from "../documents/render-document.js";
import { sanitiseFileName } from "../modules/evidence/sanitise-file-name.js";
import { type EvidenceCatalogueRow, evidenceCatalogueWorkbook } from "../workbooks/evidence-catalogue.js";
import { alreadyCompressed, appendEntry, type Zip } from "./zip-stream.js";

export const CATALOGUE_NAME = "资料目录.xlsx";
export const REPORT_NAME = "自评报告.docx";

/** What an archive needs to know of the unit; the caller has checked the actor may read it. */
export interface ArchivedUnit {
  campaignId: string;
  scheme: CompiledScheme;
  organisationId: string;
  selfEvaluationId: string;
}

interface ArchivedFile extends EvidenceCatalogueRow {
  sha256: string;
  contentType: string;
  /** The path inside the unit's archive. */
  entry: string;
}

/** Indicator codes in the scheme's reading order (the plan lists children before parents). */
function readingOrder(plan: CompiledScheme): Map<string, number> {
  const order = new Map<string, number>();
  const visit = (index: number) => {
    const node = plan.nodes[index]!;
    if (index !== plan.root) order.set(node.code, order.size);
    for (const child of node.children) visit(child);
  };
  visit(plan.root);
  return order;
}

/** `name`, or `name (2).ext`, `name (3).ext` … when the folder has it already. */
export function uniqueName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf(".");
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${stem} (${n})${extension}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

async function archivedFiles(services: Services, unit: ArchivedUnit): Promise<ArchivedFile[]> {
  const rows = await services.db
    .selectFrom("evidence_files")
    .innerJoin("evidence_blobs", "evidence_blobs.sha256", "evidence_files.sha256")
    .leftJoin("users", "users.id", "evidence_files.uploaded_by")
    .select([
      "evidence_files.indicator_code",
      "evidence_files.original_name",
      "evidence_files.sha256",
      "evidence_files.uploaded_at",
      "evidence_blobs.size",
      "evidence_blobs.content_type",
      "users.display_name",
    ])
    .where("evidence_files.self_evaluation_id", "=", unit.selfEvaluationId)
    .orderBy("evidence_files.uploaded_at")
    .orderBy("evidence_files.id")
    .execute();
  const plan = unit.scheme;
  const order = readingOrder(plan);
  const position = (code: string) => order.get(code) ?? order.size;
  rows.sort((a, b) => position(a.indicator_code) - position(b.indicator_code));
  const taken = new Map<string, Set<string>>();
  return rows.map((row) => {
    const index = plan.byCode.get(row.indicator_code);
    const indicatorName = index === undefined ? "" : plan.nodes[index]!.name;
    const folder = sanitiseFileName(`${row.indicator_code} ${indicatorName}`.trim());
    const names = taken.get(folder) ?? new Set<string>();
    taken.set(folder, names);
    const fileName = uniqueName(row.original_name, names);
    return {
      indicatorCode: row.indicator_code,
      indicatorName,
      fileName,
      size: Number(row.size),
      uploadedAt: new Date(row.uploaded_at),
      uploadedBy: row.display_name ?? "",
      sha256: row.sha256,
      contentType: row.content_type,
      entry: `${folder}/${fileName}`,
    };
  });
}

/** Appends the unit's archive under `prefix` ("" for a unit's own ZIP, "<unit folder>/" inside a campaign's). */
export async function appendUnitArchive(
  services: Services,
  actor: Actor,
  zip: Zip,
  unit: ArchivedUnit,
  prefix = "",
): Promise<void> {
  const files = await archivedFiles(services, unit);
  for (const file of files) {
    await appendEntry(zip, await services.storage.get(file.sha256), {
      name: `${prefix}${file.entry}`,
      date: file.uploadedAt,
      store: alreadyCompressed(file.contentType),
    });
  }
  const now = services.clock.now();
  const catalogue = await evidenceCatalogueWorkbook(files);
  await appendEntry(zip, catalogue, { name: `${prefix}${CATALOGUE_NAME}`, date: now });
  const report = await renderDocument(
    services,
    actor,
    "self_evaluation_report",
    unit.campaignId,
    unit.organisationId,
  );
  await appendEntry(zip, report.content, { name: `${prefix}${REPORT_NAME}`, date: now });
}
