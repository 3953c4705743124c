/** Downloads a unit's offline self-evaluation workbook (自评离线填报表) with its current values and versions. */
import type { FieldValue } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { selfEvaluationWorkbook } from "../../workbooks/self-evaluation-workbook.js";
import { loadSelfEvaluation } from "../self-evaluations/self-evaluation-context.js";
import {
  loadStoredState,
  requireWorkbookReader,
  scopedTables,
  selfEvaluationLayout,
} from "./workbook-scope.js";

export interface WorkbookFile {
  name: string;
  content: Buffer;
}

export async function exportSelfEvaluationWorkbook(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
): Promise<WorkbookFile> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  requireWorkbookReader(ctx);
  const layout = selfEvaluationLayout(ctx);
  const stored = await loadStoredState(services.db, ctx.evaluation.id);
  const codes = layout.indicators.flatMap((s) => s.rows.filter((r) => r.editable).map((r) => r.node.code));
  const content = await selfEvaluationWorkbook({
    plan: ctx.campaign.scheme,
    layout,
    campaignName: ctx.campaign.name,
    unitName: ctx.unit.name,
    deadline: ctx.campaign.stages.find((s) => s.stage === "self_evaluation")?.deadline ?? null,
    items: stored.items,
    data: ctx.evaluation.data as Record<string, FieldValue>,
    tables: stored.tables,
    separateTables: scopedTables(ctx).separate.map((t) => `${t.code} ${t.name}`),
    meta: {
      kind: "self-evaluation",
      campaignId,
      organisationId,
      evaluationVersion: ctx.evaluation.version,
      items: new Map(codes.map((code) => [code, stored.items.get(code)?.version ?? 0])),
      tables: new Map(layout.tables.map((t) => [t.table.code, stored.tableVersions.get(t.table.code) ?? 0])),
    },
  });
  return { name: `${ctx.campaign.name}-${ctx.unit.name}-自评离线填报表.xlsx`, content };
}
