/**
 * 自动采集 from cases: a campaign maps scheme fields to a case type's measure over a period (by default the
 * campaign's year). A count fits an integer or number field, a rate only a number field. Saving replaces the
 * campaign's whole mapping; the organisers must also read the case type (organiser or viewer over its owner).
 */
import { type CaseMeasure, isCountMeasure } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import { holds } from "../../access/scope.js";
import type { Services } from "../../context.js";
import type { Db } from "../../db/open-database.js";
import { AppError, type ErrorDetail } from "../../errors.js";
import { write } from "../../write.js";
import {
  loadCampaign,
  requireCampaignViewer,
  requireNotPublished,
  requireOrganiser,
} from "../campaigns/campaign-context.js";
import { CENTER_READERS, caseTypeContext, caseTypeQuery } from "./case-access.js";
import { type CasePeriod, periodLabel, yearPeriod } from "./case-counts.js";

export interface CaseFeedInput {
  fieldCode: string;
  caseTypeId: string;
  measure: CaseMeasure;
  from?: string | undefined;
  to?: string | undefined;
}

export interface CaseFeedView {
  fieldCode: string;
  fieldName: string;
  caseTypeId: string;
  caseTypeName: string;
  measure: CaseMeasure;
  from: string;
  to: string;
  /** Where the values come from, as the self-evaluation form shows it. */
  origin: string;
}

const MEASURE_NAMES: Record<CaseMeasure, string> = {
  received: "受理数",
  closed: "办结数",
  closed_on_time: "按期办结数",
  revisited: "回访数",
  close_rate: "处结率",
  on_time_rate: "按期办结率",
  revisit_rate: "回访率",
};

export const feedOrigin = (typeName: string, period: CasePeriod, measure: CaseMeasure): string =>
  `案件系统：${typeName} ${periodLabel(period)} ${MEASURE_NAMES[measure]}`;

/** The campaign's stored feeds with their case type's name, by field code. */
export const campaignCaseFeeds = (db: Db, campaignId: string) =>
  db
    .selectFrom("campaign_case_feeds")
    .innerJoin("case_types", "case_types.id", "campaign_case_feeds.case_type_id")
    .select([
      "campaign_case_feeds.field_code",
      "campaign_case_feeds.case_type_id",
      "campaign_case_feeds.measure",
      "campaign_case_feeds.period_from",
      "campaign_case_feeds.period_to",
      "case_types.name as type_name",
    ])
    .where("campaign_id", "=", campaignId)
    .orderBy("campaign_case_feeds.field_code")
    .execute();

export async function readCaseFeeds(
  services: Services,
  actor: Actor,
  campaignId: string,
): Promise<CaseFeedView[]> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireCampaignViewer(actor, campaign);
  const rows = await campaignCaseFeeds(services.db, campaignId);
  return rows.map((r) => {
    const period = { from: new Date(r.period_from), to: new Date(r.period_to) };
    return {
      fieldCode: r.field_code,
      fieldName: campaign.scheme.fields.get(r.field_code)?.name ?? r.field_code,
      caseTypeId: r.case_type_id,
      caseTypeName: r.type_name,
      measure: r.measure,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      origin: feedOrigin(r.type_name, period, r.measure),
    };
  });
}

export async function saveCaseFeeds(
  services: Services,
  actor: Actor,
  campaignId: string,
  feeds: ReadonlyArray<CaseFeedInput>,
): Promise<CaseFeedView[]> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  requireNotPublished(campaign);
  const typeIds = [...new Set(feeds.map((f) => f.caseTypeId))];
  const types = new Map(
    typeIds.length === 0
      ? []
      : (await caseTypeQuery(services.db).where("case_types.id", "in", typeIds).execute()).map((row) => [
          row.id,
          caseTypeContext(row),
        ]),
  );
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  const rows = feeds.map((feed, i) => {
    const at = `body.feeds.${i}`;
    const field = campaign.scheme.fields.get(feed.fieldCode);
    if (field === undefined)
      problems.push({
        path: `${at}.fieldCode`,
        message: `the scheme has no field ${feed.fieldCode} / 指标体系没有数据项 ${feed.fieldCode}`,
      });
    else if (
      isCountMeasure(feed.measure) ? !["integer", "number"].includes(field.type) : field.type !== "number"
    )
      problems.push({
        path: `${at}.fieldCode`,
        message: isCountMeasure(feed.measure)
          ? `${field.name} (${feed.fieldCode}) is a ${field.type} field; ${feed.measure} needs an integer or number field / ${field.name}不是整数或数值型数据项，不能采集 ${feed.measure}`
          : `${field.name} (${feed.fieldCode}) is a ${field.type} field; ${feed.measure} needs a number field / ${field.name}不是数值型数据项，不能采集 ${feed.measure}`,
      });
    if (seen.has(feed.fieldCode))
      problems.push({
        path: `${at}.fieldCode`,
        message: `${feed.fieldCode} is fed twice / 数据项 ${feed.fieldCode} 重复采集`,
      });
    seen.add(feed.fieldCode);
    const type = types.get(feed.caseTypeId);
    if (type === undefined)
      problems.push({ path: `${at}.caseTypeId`, message: "no such case type / 没有此案件类型" });
    else if (!holds(actor, CENTER_READERS, type.ownerPath))
      problems.push({
        path: `${at}.caseTypeId`,
        message: `${type.name} is outside the organisations you may read / ${type.name}不在您可查看的单位范围内`,
      });
    else if (type.definition.revisitStage === null && feed.measure.startsWith("revisit"))
      problems.push({
        path: `${at}.measure`,
        message: `${type.name} has no 回访 stage / ${type.name}没有回访环节`,
      });
    if ((feed.from === undefined) !== (feed.to === undefined))
      problems.push({
        path: `${at}.to`,
        message:
          "give both from and to, or neither for the campaign's year / 起止日期应同时填写，或都不填（按考评年度）",
      });
    const period =
      feed.from !== undefined && feed.to !== undefined
        ? { from: new Date(feed.from), to: new Date(feed.to) }
        : yearPeriod(campaign.year);
    if (period.to.getTime() <= period.from.getTime())
      problems.push({ path: `${at}.to`, message: "must be after from / 截止日期应晚于起始日期" });
    return {
      campaign_id: campaignId,
      field_code: feed.fieldCode,
      case_type_id: feed.caseTypeId,
      measure: feed.measure,
      period_from: period.from,
      period_to: period.to,
    };
  });
  if (problems.length > 0) throw new AppError("validation", problems);
  await write(services, authorOf(actor), async (w) => {
    await w.trx.deleteFrom("campaign_case_feeds").where("campaign_id", "=", campaignId).execute();
    if (rows.length > 0) await w.trx.insertInto("campaign_case_feeds").values(rows).execute();
    await w.audit({
      action: "campaign.case_feeds_saved",
      entityType: "campaign",
      entityId: campaignId,
      organisationId: campaign.organiserId,
      campaignId,
      after: feeds,
    });
  });
  return readCaseFeeds(services, actor, campaignId);
}
