/**
 * 通报: the official bulletin of a campaign's results, from its latest grading run (the one published, or before
 * publication the latest graded): the ranking with grades, the count of each grade, the veto cases, and who issues
 * it. Scores are the run's as stored, never recomputed; quota places (名额) are the run's, as the web app shows them.
 */
import type { Actor } from "../../access/actor.js";
import { holds } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { type CampaignContext, loadCampaign } from "../../modules/campaigns/campaign-context.js";
import {
  latestRun,
  type QuotaPlace,
  quotaPlaces,
  rankingRows,
  requireRunReader,
} from "../../modules/grading/grading-runs.js";
import { organiserOf, procedureText, vetoNames } from "../campaign-facts.js";
import { documentDate } from "../house-style.js";

export interface BulletinRow {
  rank: string;
  code: string;
  unit: string;
  total: string;
  bonus: string;
  grade: string;
  /** "优秀单位 第 1/2 名" for a unit placed by a quota, else "". */
  quota: string;
}

export interface BulletinModel {
  title: string;
  campaign: string;
  year: string;
  scheme: string;
  organiser: string;
  /** The organiser's code, which starts the file name. */
  organiserCode: string;
  issuedOn: string;
  /** Published (终审公布); before that the bulletin is a draft of the graded results. */
  published: boolean;
  preamble: string;
  unitCount: string;
  /** The scheme has bonus items (加分): the table shows them. */
  hasBonus: boolean;
  /** Some grade is given by quota: the table shows the places. */
  hasQuota: boolean;
  rows: BulletinRow[];
  grades: Array<{ grade: string; count: string }>;
  /** "优秀单位2个、先进单位3个、达标单位4个、未达标5个" */
  gradeSummary: string;
  vetoes: Array<{ code: string; unit: string; rules: string; grade: string }>;
  hasVetoes: boolean;
  closing: string;
}

/** Organisers and viewers once graded; the units' own people (as for the run itself) once published. */
function requireBulletinStage(actor: Actor, campaign: CampaignContext): void {
  if (campaign.status === "published" || holds(actor, ["organiser", "viewer"], campaign.organiserPath))
    return;
  throw new AppError("forbidden", [], {
    zh: "考评结果尚未正式公布，暂不能查看通报",
    en: "The bulletin is shown to units once the results are published",
  });
}

const quotaText = (q: QuotaPlace | undefined) =>
  q === undefined ? "" : `${q.gradeName} 第 ${q.position}/${q.count} 名`;

export async function loadBulletin(
  services: Services,
  actor: Actor,
  campaignId: string,
): Promise<BulletinModel> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireBulletinStage(actor, campaign);
  const run = await latestRun(services.db, campaignId);
  if (run === undefined) {
    throw new AppError("incomplete", [{ path: "gradingRuns", message: "尚未汇总定级 / not graded yet" }]);
  }
  await requireRunReader(services, actor, campaign, run);
  const plan = campaign.scheme;
  const rows = rankingRows(run);
  const places = await quotaPlaces(services, run);
  const organiser = await organiserOf(services, campaign);
  const published = await services.db
    .selectFrom("campaigns")
    .select("published_at")
    .where("id", "=", campaignId)
    .executeTakeFirstOrThrow();
  const grades = (plan.grading?.grades ?? []).map((g) => ({
    grade: g.name,
    count: rows.filter((r) => r.grade === g.code).length,
  }));
  const ungraded = rows.filter((r) => r.grade === null).length;
  if (ungraded > 0) grades.push({ grade: "未定等次", count: ungraded });
  const name = plan.definition.name;
  return {
    title: `关于${campaign.name}结果的通报`,
    campaign: campaign.name,
    year: String(campaign.year),
    scheme: name,
    organiser: organiser.name,
    organiserCode: organiser.code,
    issuedOn: documentDate(new Date(published.published_at ?? services.clock.now())),
    published: campaign.status === "published",
    preamble: `根据《${name}》，${organiser.name}组织开展了${campaign.name}，对${rows.length}个单位进行了考评。经${procedureText(campaign)}等程序，考评工作已经结束。现将考评结果通报如下。`,
    unitCount: String(rows.length),
    hasBonus: plan.bonus !== null,
    hasQuota: (plan.grading?.grades ?? []).some((g) => g.quota !== null),
    rows: rows.map((r) => ({
      rank: String(r.rank),
      code: r.unit,
      unit: r.name ?? r.unit,
      total: r.total,
      bonus: r.bonus,
      grade: r.gradeName ?? "",
      quota: quotaText(places.get(r.unit)),
    })),
    grades: grades.map((g) => ({ grade: g.grade, count: String(g.count) })),
    gradeSummary: grades.map((g) => `${g.grade}${g.count}个`).join("、"),
    vetoes: rows
      .filter((r) => r.vetoes.length > 0)
      .map((r) => ({
        code: r.unit,
        unit: r.name ?? r.unit,
        rules: vetoNames(plan, r.vetoes).join("；"),
        grade: r.gradeName ?? "",
      })),
    hasVetoes: rows.some((r) => r.vetoes.length > 0),
    closing:
      "希望受到表彰的单位珍惜荣誉、再接再厉；未达到要求的单位要认真查找差距，对照反馈意见抓好整改，推动各项工作再上新台阶。",
  };
}
