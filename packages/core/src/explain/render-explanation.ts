/** Renders a unit's explanation as readable text, in Chinese (the default) or English. */

import type { CapSource } from "../grading/grade-units.js";
import { type Fixed, format, formatShort } from "../numbers/fixed.js";
import type { LeafTrace } from "../scoring/leaf-methods.js";
import type { ValueDecision } from "../scoring/value-scoring.js";
import type { IndicatorExplanation, UnitExplanation } from "./explain-unit.js";

export type Language = "zh" | "en";

const pct = (share: Fixed) => `${formatShort(share * 100)}%`;

interface Phrases {
  title(e: UnitExplanation): string;
  summary(e: UnitExplanation, f: (x: Fixed) => string): string;
  indicatorsHeading: string;
  line(ind: IndicatorExplanation, detail: string, f: (x: Fixed) => string): string;
  leaf(trace: LeafTrace, ind: IndicatorExplanation): string;
  aggregate(ind: IndicatorExplanation): string;
  rebase(e: UnitExplanation, f: (x: Fixed) => string): string;
  ratersHeading: string;
  raterGroup(g: NonNullable<UnitExplanation["raters"]>["groups"][number], f: (x: Fixed) => string): string;
  ratersCombined(combined: Fixed, f: (x: Fixed) => string): string;
  bonusHeading: string;
  bonusItem(b: UnitExplanation["bonus"][number], f: (x: Fixed) => string): string;
  bonusCapped(cap: Fixed, f: (x: Fixed) => string): string;
  none: string;
  vetoHeading: string;
  veto(v: UnitExplanation["vetoes"][number]): string;
  gradeHeading: string;
  grade(e: UnitExplanation, f: (x: Fixed) => string): string[];
  flag(flag: UnitExplanation["flags"][number]): string;
  note(note: string): string;
}

const zh: Phrases = {
  title: (e) => `${e.name ?? e.unit}（${e.unit}）${e.schemeName} 得分说明`,
  summary: (e, f) =>
    `总分 ${f(e.total)} 分（满分 ${formatShort(e.max)} 分）${e.grade ? `，等次：${e.grade.name}` : ""}，排名第 ${e.rank} 名（共 ${e.unitCount} 个单位${e.group ? `；${e.group} 组内第 ${e.groupRank} 名` : ""}）`,
  indicatorsHeading: "指标得分",
  line: (ind, detail, f) =>
    `${"  ".repeat(ind.depth - 1)}${ind.code} ${ind.name}：分值${formatShort(ind.max)}分${detail ? `，${detail}` : ""}，得${ind.notApplicable ? "—（不适用）" : `${trimmed(f(ind.score))}分`}`,
  leaf: (t, ind) => {
    switch (t.method) {
      case "manual":
        return "评分";
      case "deductions":
        return t.applied.length === 0
          ? "无扣分"
          : `${t.applied.map((a) => `${a.text}${statesPoints(a.text) ? "" : `扣${formatShort(a.points)}分`}${a.count > 1 ? `×${a.count}次` : ""}${a.capped ? `（以${formatShort(a.amount)}分为限）` : ""}`).join("；")}${t.floored ? "（扣完为止）" : ""}`;
      case "checklist": {
        const missed = t.missed.length;
        const each = t.missed[0]?.points;
        const same = t.missed.every((m) => m.points === each);
        return missed === 0
          ? `${t.met.length}项均已落实`
          : same && each !== undefined
            ? `扣除${missed}项×${formatShort(each)}分（未落实：${t.missed.map((m) => m.text).join("、")}）`
            : `未落实：${t.missed.map((m) => `${m.text}（${formatShort(m.points)}分）`).join("、")}`;
      }
      case "levels":
        return `评为“${t.level.name}”（${pct(t.level.share)}）`;
      case "boolean":
        return `${t.value ? "是" : "否"}（${pct(t.share)}）`;
      case "formula":
        return `按公式 ${t.formula} 计算${
          Object.keys(t.fields).length
            ? `（${Object.entries(t.fields)
                .map(([k, v]) => `${k}=${v}`)
                .join("，")}）`
            : ""
        } = ${t.value}，${decisionZh(t.decidedBy)}`;
      case "satisfaction":
        return `有效问卷${t.valid}份（${t.counts.map((c) => `${c.name}${c.count}`).join("，")}），${t.measure === "rate" ? "满意率" : "平均分"} ${t.value}，${decisionZh(t.decidedBy)}`;
      case "na":
        return ind.notApplicable ? "申报不适用（空项），不计入应得分" : "";
    }
  },
  aggregate: (ind) =>
    ind.aggregate === "weighted" ? "按权重折算" : ind.aggregate === "normalized" ? "按得分率折算" : "",
  rebase: (e, f) =>
    `不适用项分值 ${f(e.max - e.applicableMax)} 分，应得分 ${f(e.applicableMax)} 分，实得分 ${f(e.points)} 分；得分率 = 实得分 / 应得分 × 100 = ${f(e.rate)}%，折算得分 ${f(e.base)} 分`,
  ratersHeading: "评分组",
  raterGroup: (g, f) =>
    `${g.name}（权重${pct(g.weight)}）：${g.raters.length}人评分 ${g.raters.map((r) => trimmed(f(r.total))).join("、")}${g.aggregate ? `，${g.aggregate.dropped.length ? `去掉一个最高分${trimmed(f(g.aggregate.dropped[1]!))}和一个最低分${trimmed(f(g.aggregate.dropped[0]!))}后` : ""}组内得分 ${f(g.aggregate.value)}` : "，未评分"}`,
  ratersCombined: (c, f) => `各组加权总评分 ${f(c)} 分`,
  bonusHeading: "加分项目",
  bonusItem: (b, f) =>
    `${b.code} ${b.name}：加${trimmed(f(b.counted))}分${b.given > b.counted ? `（申报${trimmed(f(b.given))}分，每项最高${formatShort(b.max)}分）` : ""}`,
  bonusCapped: (cap, f) => `加分合计以${trimmed(f(cap))}分为限`,
  none: "无",
  vetoHeading: "一票否决",
  veto: (v) =>
    `${v.code} ${v.name}：${v.effect === "fail" ? "直接定为最低等次" : v.effect === "zero" ? "总分记为0分" : v.effect === "excludeFromQuota" ? "不参加评先评优" : `等次最高为“${v.grade}”`}`,
  gradeHeading: "定级",
  grade: (e, f) => gradeLines(e, f, "zh"),
  flag: (flag) => `${flag.name}：${flag.outcome}`,
  note: (note) => `说明：${note}`,
};

const en: Phrases = {
  title: (e) => `${e.name ?? e.unit} (${e.unit}): ${e.schemeName}, how the score was made`,
  summary: (e, f) =>
    `Total ${f(e.total)} of ${formatShort(e.max)}${e.grade ? `, grade: ${e.grade.name}` : ""}, rank ${e.rank} of ${e.unitCount}${e.group ? ` (rank ${e.groupRank} in group ${e.group})` : ""}`,
  indicatorsHeading: "Indicators",
  line: (ind, detail, f) =>
    `${"  ".repeat(ind.depth - 1)}${ind.code} ${ind.name}: max ${formatShort(ind.max)}${detail ? `, ${detail}` : ""}, score ${ind.notApplicable ? "— (not applicable)" : trimmed(f(ind.score))}`,
  leaf: (t, ind) => {
    switch (t.method) {
      case "manual":
        return "scored";
      case "deductions":
        return t.applied.length === 0
          ? "no deduction"
          : `${t.applied.map((a) => `−${formatShort(a.points)}${a.count > 1 ? ` ×${a.count}` : ""} ${a.text}${a.capped ? ` (capped at ${formatShort(a.amount)})` : ""}`).join("; ")}${t.floored ? " (floored at 0)" : ""}`;
      case "checklist":
        return t.missed.length === 0
          ? `all ${t.met.length} items met`
          : `missed ${t.missed.length} item(s): ${t.missed.map((m) => `${m.text} (${formatShort(m.points)})`).join(", ")}`;
      case "levels":
        return `level "${t.level.name}" (${pct(t.level.share)})`;
      case "boolean":
        return `${t.value ? "yes" : "no"} (${pct(t.share)})`;
      case "formula":
        return `formula ${t.formula}${
          Object.keys(t.fields).length
            ? ` with ${Object.entries(t.fields)
                .map(([k, v]) => `${k}=${v}`)
                .join(", ")}`
            : ""
        } = ${t.value}, ${decisionEn(t.decidedBy)}`;
      case "satisfaction":
        return `${t.valid} valid answers (${t.counts.map((c) => `${c.name} ${c.count}`).join(", ")}), ${t.measure} ${t.value}, ${decisionEn(t.decidedBy)}`;
      case "na":
        return ind.notApplicable ? "declared not applicable; excluded from the applicable max" : "";
    }
  },
  aggregate: (ind) =>
    ind.aggregate === "weighted" ? "weighted" : ind.aggregate === "normalized" ? "normalised by rate" : "",
  rebase: (e, f) =>
    `not applicable: ${f(e.max - e.applicableMax)}; applicable max ${f(e.applicableMax)}; points ${f(e.points)}; rate = points / applicable max × 100 = ${f(e.rate)}%; re-based score ${f(e.base)}`,
  ratersHeading: "Rater groups",
  raterGroup: (g, f) =>
    `${g.name} (weight ${pct(g.weight)}): ${g.raters.length} rater(s) ${g.raters.map((r) => trimmed(f(r.total))).join(", ")}${g.aggregate ? `${g.aggregate.dropped.length ? `, highest ${trimmed(f(g.aggregate.dropped[1]!))} and lowest ${trimmed(f(g.aggregate.dropped[0]!))} dropped` : ""}, group score ${f(g.aggregate.value)}` : ", no rating"}`,
  ratersCombined: (c, f) => `weighted across groups: ${f(c)}`,
  bonusHeading: "Bonus",
  bonusItem: (b, f) =>
    `${b.code} ${b.name}: +${trimmed(f(b.counted))}${b.given > b.counted ? ` (${trimmed(f(b.given))} given, at most ${formatShort(b.max)} per item)` : ""}`,
  bonusCapped: (cap, f) => `bonus capped at ${trimmed(f(cap))} in all`,
  none: "none",
  vetoHeading: "Veto items",
  veto: (v) =>
    `${v.code} ${v.name}: ${v.effect === "fail" ? "lowest grade" : v.effect === "zero" ? "total set to 0" : v.effect === "excludeFromQuota" ? "excluded from quota grades" : `grade at most "${v.grade}"`}`,
  gradeHeading: "Grade",
  grade: (e, f) => gradeLines(e, f, "en"),
  flag: (flag) => `${flag.name}: ${flag.outcome}`,
  note: (note) => `note: ${note}`,
};

function decisionZh(d: ValueDecision): string {
  switch (d.kind) {
    case "direct":
      return "取值即为得分";
    case "share":
      return "按比例折算得分";
    case "threshold":
      return d.pass ? `达到 ${d.op} ${d.value} 的要求` : `未达到 ${d.op} ${d.value} 的要求`;
    case "band":
      return d.label ?? `属于 ${d.bounds.join(" 且 ") || "其他"} 档`;
    case "noBand":
      return "不在任何计分档内";
    case "linear":
      return `在 ${d.from} 至 ${d.to} 之间按比例计分`;
    case "clamped":
      return d.end === "low" ? `不高于 ${d.at}，按下限计分` : `不低于 ${d.at}，按上限计分`;
  }
}

function decisionEn(d: ValueDecision): string {
  switch (d.kind) {
    case "direct":
      return "the value is the score";
    case "share":
      return "scored in proportion";
    case "threshold":
      return `${d.op} ${d.value}: ${d.pass ? "met" : "not met"}`;
    case "band":
      return d.label ?? `band ${d.bounds.join(" and ") || "otherwise"}`;
    case "noBand":
      return "in no band";
    case "linear":
      return `interpolated between ${d.from} and ${d.to}`;
    case "clamped":
      return d.end === "low" ? `at or below ${d.at}: lowest share` : `at or above ${d.at}: highest share`;
  }
}

/** Whether a deduction rule's own text already says how much it deducts ("…的扣5分"). */
function statesPoints(text: string): boolean {
  return /扣\s*[\d.一二三四五六七八九十两]+\s*分/.test(text);
}

function trimmed(value: string): string {
  return value.includes(".") ? value.replace(/\.?0+$/, "") : value;
}

function capSource(by: CapSource, zhLang: boolean): string {
  if (by.kind === "veto") return zhLang ? `一票否决 ${by.code} ${by.name}` : `veto ${by.code} ${by.name}`;
  if (by.kind === "levelCap") return by.name;
  return zhLang ? "申报等级" : "declared level";
}

function gradeLines(e: UnitExplanation, f: (x: Fixed) => string, lang: Language): string[] {
  if (!e.grade) return [];
  const zhLang = lang === "zh";
  const lines: string[] = [];
  const r = e.reason;
  const name = (i: number) => e.gradeNames[i] ?? "";
  const basis = f(e.total);
  if (e.pointsGrade) {
    const min = e.pointsMin === null ? "" : ` ≥ ${trimmed(f(e.pointsMin))}`;
    lines.push(
      zhLang
        ? `按得分 ${basis} 分${min ? `${min} 分` : ""}，分数等次为“${e.pointsGrade.name}”`
        : `by points ${basis}${min}: "${e.pointsGrade.name}"`,
    );
  }
  for (const cap of e.caps) {
    const by = capSource(cap.by, zhLang);
    lines.push(zhLang ? `${by}：等次最高为“${cap.grade}”` : `${by}: at most "${cap.grade}"`);
  }
  for (const s of e.skipped) {
    const why =
      s.why === "vetoed" ? (zhLang ? "一票否决，不参加评先评优" : "vetoed") : zhLang ? "等次受限" : "capped";
    lines.push(
      zhLang
        ? `按排名可进入“${s.grade}”名额，但${why}`
        : `ranked into the "${s.grade}" quota but not eligible (${why})`,
    );
  }
  if (r.kind === "quota") {
    const pool = r.of === null ? (zhLang ? "全部单位" : "all units") : `“${name(r.of)}”`;
    lines.push(
      zhLang
        ? `在${pool} ${r.pool} 个中按${pct(r.share)}${r.from === "bottom" ? "（末位）" : ""}确定“${name(r.grade)}”名额 ${r.count} 个，本单位位列第 ${r.position} 位`
        : `"${name(r.grade)}" is ${pct(r.share)}${r.from === "bottom" ? " from the bottom" : ""} of ${r.pool} ${r.of === null ? "units" : `"${name(r.of)}" units`} = ${r.count} places; this unit is number ${r.position}`,
    );
  }
  if (r.kind === "fail") {
    const by =
      r.by.kind === "declared"
        ? zhLang
          ? "未达到申报等级"
          : "below the declared level"
        : capSource(r.by, zhLang);
    lines.push(zhLang ? `${by}，定为“${e.grade.name}”` : `${by}: "${e.grade.name}"`);
  }
  lines.push(zhLang ? `最终等次：${e.grade.name}` : `final grade: ${e.grade.name}`);
  return lines;
}

export function renderExplanation(e: UnitExplanation, lang: Language = "zh"): string {
  const p = lang === "zh" ? zh : en;
  const f = (x: Fixed) => format(x, e.places);
  const out: string[] = [p.title(e), p.summary(e, f), ""];
  if (e.indicators.length > 0) {
    out.push(
      `${p.indicatorsHeading}${e.source === "raters" && e.raters ? (lang === "zh" ? "（自评）" : " (self-evaluation)") : ""}`,
    );
    for (const ind of e.indicators) {
      const detail = ind.trace ? p.leaf(ind.trace, ind) : p.aggregate(ind);
      out.push(p.line(ind, detail, f));
      if (ind.note) out.push(`${"  ".repeat(ind.depth)}${p.note(ind.note)}`);
    }
    if (e.rebased) out.push(p.rebase(e, f));
    out.push("");
  }
  if (e.raters) {
    out.push(p.ratersHeading);
    for (const g of e.raters.groups) out.push(`  ${p.raterGroup(g, f)}`);
    out.push(`  ${p.ratersCombined(e.raters.combined, f)}`, "");
  }
  if (e.bonus.length > 0 || e.bonusCap !== null) {
    out.push(p.bonusHeading);
    out.push(...(e.bonus.length ? e.bonus.map((b) => `  ${p.bonusItem(b, f)}`) : [`  ${p.none}`]));
    const sum = e.bonus.reduce((s, b) => s + b.counted, 0);
    if (e.bonusCap !== null && sum > e.bonusTotal) out.push(`  ${p.bonusCapped(e.bonusCap, f)}`);
    out.push("");
  }
  out.push(p.vetoHeading, ...(e.vetoes.length ? e.vetoes.map((v) => `  ${p.veto(v)}`) : [`  ${p.none}`]), "");
  const grade = p.grade(e, f);
  if (grade.length > 0) out.push(p.gradeHeading, ...grade.map((l) => `  ${l}`));
  for (const flag of e.flags) out.push(`  ${p.flag(flag)}`);
  return out.join("\n").trimEnd();
}
