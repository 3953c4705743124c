/**
 * 限期整改通知书: the problems of one unit as numbered items, each with its indicator, the problem, the requirement
 * (the indicator's standard) and the deadline (the 整改 stage's, else 收到通知之日起30日内); the "四个具体"
 * reminder and the written reply it asks for. The items are plain input: rectification tracking takes the same list.
 */
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import type { RectificationLine } from "../../modules/rectification/unit-items.js";
import { documentDate } from "../house-style.js";
import {
  byDeadline,
  loadUnitFeedback,
  type Problem,
  problemText,
  type UnitFeedback,
} from "../unit-feedback.js";

/** 整改事项 */
export interface RectificationItem {
  number: string;
  /** The indicator's code, or null for a problem about the unit as a whole. */
  indicatorCode: string | null;
  /** "E1 教育教学质量", or 综合. */
  indicator: string;
  problem: string;
  requirement: string;
  /** 整改时限, as printed. */
  deadline: string;
  /** The deadline as an ISO date (YYYY-MM-DD in China), or null for the period counted from receipt. */
  due: string | null;
  /** 整改状态 once the items are tracked ("整改中（未完成，已逾期）", "已关闭"); empty before. */
  status: string;
}

export interface RectificationNoticeModel {
  title: string;
  campaign: string;
  year: string;
  organiser: string;
  unit: { code: string; name: string };
  issuedOn: string;
  preamble: string;
  items: RectificationItem[];
  hasItems: boolean;
  deadline: string;
  /** 整改要求: the "四个具体". */
  fourSpecifics: string;
  /** 书面报告整改情况. */
  reply: string;
}

const requirementOf = (p: Problem): string =>
  p.standard ?? (p.indicator === null ? "针对指出的问题逐项整改到位" : `达到“${p.indicator}”指标要求`);

export function rectificationNoticeModel(f: UnitFeedback, issuedAt: Date): RectificationNoticeModel {
  const stage = f.campaign.stages.find((s) => s.stage === "rectification");
  const due = stage?.deadline == null ? null : chinaIsoDate(new Date(stage.deadline));
  return {
    title: "限期整改通知书",
    campaign: f.campaign.name,
    year: String(f.campaign.year),
    organiser: f.organiser.name,
    unit: { code: f.unit.code, name: f.unit.name },
    issuedOn: documentDate(issuedAt),
    preamble: `在${f.campaign.name}中，经评估发现你单位存在以下问题。现将问题和整改要求通知如下，请限期整改。`,
    items:
      f.rectification.length > 0
        ? f.rectification.map(trackedItem)
        : f.problems.map((p, i) => ({
            number: String(i + 1),
            indicatorCode: p.code,
            indicator: p.indicator ?? "综合",
            problem: problemText(p),
            requirement: requirementOf(p),
            deadline: f.deadline,
            due,
            status: "",
          })),
    hasItems: f.rectification.length > 0 || f.problems.length > 0,
    deadline: f.deadline,
    fourSpecifics:
      "你单位要高度重视，对照上述问题逐项制定整改方案，做到“四个具体”：有具体整改目标、有具体整改措施、有具体整改时限、有具体责任人，确保问题整改到位。",
    reply: `请于${byDeadline(f.deadline)}将整改情况书面报告${f.organiser.name}。`,
  };
}

/** Once the unit's items are tracked, the notice lists them, with their status, instead of the raw problems. */
const trackedItem = (line: RectificationLine): RectificationItem => ({
  number: line.number,
  indicatorCode: line.indicatorCode,
  indicator: line.indicator,
  problem: line.problem,
  requirement:
    line.target ??
    (line.indicatorCode === null ? "针对指出的问题逐项整改到位" : `达到“${line.indicator}”指标要求`),
  deadline: line.deadline,
  due: line.due,
  status: line.status,
});

/** YYYY-MM-DD of the day in China (UTC+8) for a stored deadline. */
function chinaIsoDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function loadRectificationNotice(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string | null,
): Promise<RectificationNoticeModel> {
  const feedback = await loadUnitFeedback(services, actor, campaignId, organisationId);
  return rectificationNoticeModel(feedback, services.clock.now());
}
