/** Downloads of results: a grading run's ranking (排名表) and a campaign's score matrix (得分矩阵). */
import { Decimal, type UnitResult } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { type RankingLine, rankingWorkbook, scoreMatrixWorkbook } from "../../workbooks/result-workbooks.js";
import { compiledScheme, loadCampaign, requireCampaignViewer } from "../campaigns/campaign-context.js";
import { getRun, latestRun, type QuotaPlace } from "../grading/grading-runs.js";
import type { WorkbookFile } from "./export-self-evaluation-workbook.js";

function quotaText(quota: QuotaPlace | null, gradeNames: Map<string, string>): string {
  if (quota === null) return "";
  const pool = quota.of === null ? "参评单位" : `${gradeNames.get(quota.of) ?? quota.of}单位`;
  const percent = new Decimal(quota.share).times(100).toString();
  return `${quota.gradeName}：第${quota.position}名（名额${quota.count}个，${pool}${quota.pool}个的${percent}%）`;
}

/** The run's ranking, for those who may read the run (organisers and viewers; units once it is publicised). */
export async function exportRanking(services: Services, actor: Actor, runId: string): Promise<WorkbookFile> {
  const run = await getRun(services, actor, runId, { offset: 0, limit: Number.MAX_SAFE_INTEGER });
  const campaign = await loadCampaign(services.db, run.run.campaignId);
  const definition = campaign.scheme.definition;
  const categories = new Map(definition.categories.map((c) => [c.code, c.name]));
  const grades = new Map((campaign.scheme.grading?.grades ?? []).map((g) => [g.code, g.name]));
  const lines: RankingLine[] = run.items.map((item) => ({
    rank: item.rank,
    unit: item.unit,
    name: item.name,
    category: item.category === null ? null : (categories.get(item.category) ?? item.category),
    total: item.total,
    rate: item.rate,
    bonus: item.bonus,
    gradeName: item.gradeName,
    quota: quotaText(item.quota, grades),
    vetoes: item.vetoes,
  }));
  const title = `${campaign.name} 排名表（第${run.run.number}次汇总）`;
  return {
    name: `${campaign.name}-排名表-第${run.run.number}次.xlsx`,
    content: await rankingWorkbook(title, lines),
  };
}

/** The latest run's scores, unit by leaf indicator, for the campaign's organisers and viewers. */
export async function exportScoreMatrix(
  services: Services,
  actor: Actor,
  campaignId: string,
): Promise<WorkbookFile> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireCampaignViewer(actor, campaign);
  const run = await latestRun(services.db, campaignId);
  if (run === undefined)
    throw new AppError(
      "incomplete",
      [{ path: "gradingRuns", message: "no grading run yet / 尚未汇总定级" }],
      {
        zh: "尚未汇总定级，还没有得分矩阵",
        en: "There is no grading run yet, so no score matrix",
      },
    );
  const version = await services.db
    .selectFrom("scheme_versions")
    .select(["id", "source"])
    .where("id", "=", run.scheme_version_id)
    .executeTakeFirstOrThrow();
  const plan = compiledScheme(version.id, version.source);
  const title = `${campaign.name} 得分矩阵（第${run.number}次汇总）`;
  return {
    name: `${campaign.name}-得分矩阵.xlsx`,
    content: await scoreMatrixWorkbook(title, plan, run.results as UnitResult[]),
  };
}
