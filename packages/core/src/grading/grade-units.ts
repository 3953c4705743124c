/**
 * Grading (定级) across all units of an evaluation: absolute bands, caps (veto, a second criterion's level, the
 * self-declared level), nested and group quotas with explicit rounding and ties, ranks and multi-year flags.
 * Everything here depends only on the units' values and codes, never on the order they were given in.
 */
import { type Fixed, mulDiv, ONE, roundTo } from "../numbers/fixed.js";
import type { CompiledGrading, CompiledScheme } from "../scheme/plan.js";
import type { UnitScore } from "../scoring/score-unit.js";

export type GradeReason =
  | { kind: "band"; grade: number; min: Fixed }
  | { kind: "fallback"; grade: number }
  | {
      kind: "quota";
      grade: number;
      of: number | null;
      share: Fixed;
      from: "top" | "bottom";
      position: number;
      count: number;
      pool: number;
    }
  | { kind: "fail"; by: CapSource }
  | { kind: "none" };

/** What limited a grade: a veto item, a second criterion's level (e.g. 安全记录等级), or the declared level. */
export type CapSource =
  | { kind: "veto"; code: string; name: string }
  | { kind: "levelCap"; code: string; name: string }
  | { kind: "declared" };

export interface GradeCap {
  grade: number;
  by: CapSource;
}

export interface GradeOutcome {
  grade: number | null;
  /** The grade from points alone, before caps and quotas. */
  pointsGrade: number | null;
  reason: GradeReason;
  caps: GradeCap[];
  /** Quota grades the unit ranked into but could not take (vetoed or capped). */
  skipped: Array<{ grade: number; why: "vetoed" | "capped" }>;
  value: Fixed;
  rank: number;
  groupRank: number;
  group: string;
  /** 0-based position in the published order. */
  position: number;
  flags: Array<{ code: string; name: string; outcome: string }>;
}

export interface GradingOptions {
  /** The evaluation's year, to check that history years are the consecutive ones before it. */
  year?: number | undefined;
}

function groupOf(grading: CompiledGrading | null, score: UnitScore): string {
  if (!grading?.groupBy) return "";
  if (grading.groupBy.kind === "category") return score.input.category ?? "";
  return String(score.input.data[grading.groupBy.field] ?? "");
}

function basisValue(plan: CompiledScheme, score: UnitScore): Fixed {
  return plan.grading?.basis === "rate" ? roundTo(score.rate, plan.places) : score.total;
}

/** The published order: basis value descending, then the tie-break keys, then the unit code. */
function rankingComparator(plan: CompiledScheme, scores: UnitScore[], values: Fixed[]) {
  const keys = plan.grading?.tieBreak ?? ["code"];
  // Flat arrays, read once: the comparator runs for every pair of tied units.
  const codes = scores.map((s) => s.input.unit);
  const totals = scores.map((s) => s.total);
  const rates = scores.map((s) => s.rate);
  const bonuses = scores.map((s) => s.bonus);
  const byCode = (a: number, b: number) => {
    const ca = codes[a]!;
    const cb = codes[b]!;
    return ca < cb ? -1 : ca > cb ? 1 : 0;
  };
  return (a: number, b: number): number => {
    const diff = values[b]! - values[a]!;
    if (diff !== 0) return diff;
    for (const key of keys) {
      let d = 0;
      if (key === "total") d = totals[b]! - totals[a]!;
      else if (key === "rate") d = rates[b]! - rates[a]!;
      else if (key === "bonus") d = bonuses[b]! - bonuses[a]!;
      else if (key === "code") d = byCode(a, b);
      else d = scores[b]!.tree.score[key.indicator]! - scores[a]!.tree.score[key.indicator]!;
      if (d !== 0) return d;
    }
    return byCode(a, b);
  };
}

/**
 * Indexes in published order. Values are whole numbers (Fixed), so when they fit, each unit's value and index
 * are packed into one double and sorted natively; only runs of equal values go through the tie-break comparator.
 * The result is the same as sorting everything with the comparator, and as independent of input order.
 */
function publishedOrder(values: readonly Fixed[], compare: (a: number, b: number) => number): number[] {
  const n = values.length;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (n === 0 || !Number.isSafeInteger((high - low + 1) * n)) return values.map((_, i) => i).sort(compare);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (high - values[i]!) * n + i;
  keys.sort();
  const order = Array.from(keys, (key) => key % n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    if (end - start > 1) {
      const run = order.slice(start, end).sort(compare);
      for (let k = 0; k < run.length; k++) order[start + k] = run[k]!;
    }
    start = end;
  }
  return order;
}

function quotaCount(share: Fixed, pool: number, rounding: "halfUp" | "floor" | "ceil"): number {
  const exact = share * pool;
  if (rounding === "halfUp") return mulDiv(exact, 1, ONE);
  return rounding === "floor" ? Math.floor(exact / ONE) : Math.ceil(exact / ONE);
}

function competitionRanks(order: number[], values: Fixed[], keyOf: (i: number) => string): Int32Array {
  const ranks = new Int32Array(values.length);
  const seen = new Map<string, { count: number; lastValue: Fixed; lastRank: number }>();
  for (const i of order) {
    const key = keyOf(i);
    const s = seen.get(key) ?? { count: 0, lastValue: Number.NaN, lastRank: 0 };
    s.count += 1;
    if (values[i] !== s.lastValue) {
      s.lastRank = s.count;
      s.lastValue = values[i]!;
    }
    ranks[i] = s.lastRank;
    seen.set(key, s);
  }
  return ranks;
}

// Reason kinds; 0, the typed array's default, is "none" (no grading).
const BAND = 1;
const FALLBACK = 2;
const QUOTA = 3;
const FAIL = 4;

/**
 * Every unit's grading, kept in columns; outcome(i) builds one unit's GradeOutcome when it is read, so that
 * grading fifty thousand units leaves fifty thousand numbers per column rather than as many objects.
 */
export class GradeTable {
  constructor(
    private readonly plan: CompiledScheme,
    readonly values: readonly Fixed[],
    readonly grades: Int32Array,
    readonly pointsGrades: Int32Array,
    readonly ranks: Int32Array,
    readonly groupRanks: Int32Array,
    readonly positions: Int32Array,
    readonly groups: readonly string[],
    private readonly reasonKinds: Uint8Array,
    /** For units placed by a quota: the quota grade, their place, the places and the pool. */
    private readonly quotas: { grade: Int32Array; position: Int32Array; count: Int32Array; pool: Int32Array },
    private readonly failures: ReadonlyMap<number, CapSource>,
    private readonly caps: ReadonlyMap<number, GradeCap[]>,
    private readonly skipped: ReadonlyMap<number, GradeOutcome["skipped"]>,
    private readonly flags: ReadonlyMap<number, GradeOutcome["flags"]>,
  ) {}

  get size(): number {
    return this.values.length;
  }

  outcome(i: number): GradeOutcome {
    const grading = this.plan.grading;
    const pointsGrade = this.pointsGrades[i]!;
    let reason: GradeReason = { kind: "none" };
    const kind = this.reasonKinds[i];
    if (kind === BAND)
      reason = { kind: "band", grade: pointsGrade, min: grading!.grades[pointsGrade]!.min ?? 0 };
    else if (kind === FALLBACK) reason = { kind: "fallback", grade: pointsGrade };
    else if (kind === FAIL) reason = { kind: "fail", by: this.failures.get(i)! };
    else if (kind === QUOTA) {
      const q = this.quotas.grade[i]!;
      const quota = grading!.grades[q]!.quota!;
      reason = {
        kind: "quota",
        grade: q,
        of: quota.of,
        share: quota.share,
        from: quota.from,
        position: this.quotas.position[i]!,
        count: this.quotas.count[i]!,
        pool: this.quotas.pool[i]!,
      };
    }
    return {
      grade: this.grades[i]! < 0 ? null : this.grades[i]!,
      pointsGrade: pointsGrade < 0 ? null : pointsGrade,
      reason,
      caps: this.caps.get(i) ?? [],
      skipped: this.skipped.get(i) ?? [],
      value: this.values[i]!,
      rank: this.ranks[i]!,
      groupRank: this.groupRanks[i]!,
      group: this.groups[i]!,
      position: this.positions[i]!,
      flags: this.flags.get(i) ?? [],
    };
  }
}

const noCaps: readonly GradeCap[] = [];

function append<T>(map: Map<number, T[]>, i: number, item: T): void {
  const list = map.get(i);
  if (list) list.push(item);
  else map.set(i, [item]);
}

export function gradeUnits(
  plan: CompiledScheme,
  scores: UnitScore[],
  options: GradingOptions = {},
): GradeTable {
  const grading = plan.grading;
  const n = scores.length;
  const values = scores.map((s) => basisValue(plan, s));
  const order = publishedOrder(values, rankingComparator(plan, scores, values));
  const groups = scores.map((s) => groupOf(grading, s));
  const ranks = competitionRanks(order, values, () => "");
  const groupRanks = grading?.groupBy ? competitionRanks(order, values, (i) => groups[i]!) : ranks;
  const positions = new Int32Array(n);
  order.forEach((unit, position) => {
    positions[unit] = position;
  });
  const grades = new Int32Array(n).fill(-1);
  const pointsGrades = new Int32Array(n).fill(-1);
  const reasonKinds = new Uint8Array(n);
  const quotas = {
    grade: new Int32Array(n),
    position: new Int32Array(n),
    count: new Int32Array(n),
    pool: new Int32Array(n),
  };
  const failures = new Map<number, CapSource>();
  const caps = new Map<number, GradeCap[]>();
  const skipped = new Map<number, GradeOutcome["skipped"]>();
  const flags = new Map<number, GradeOutcome["flags"]>();
  const table = new GradeTable(
    plan,
    values,
    grades,
    pointsGrades,
    ranks,
    groupRanks,
    positions,
    groups,
    reasonKinds,
    quotas,
    failures,
    caps,
    skipped,
    flags,
  );
  if (!grading) return table;

  const worst = grading.grades.length - 1;
  const bands = grading.grades.filter((g) => g.quota === null && g.min !== null);
  const excluded = new Uint8Array(n);
  const viaQuota = new Uint8Array(n);
  const capOf = new Int32Array(n);
  const fail = (i: number, by: CapSource) => {
    reasonKinds[i] = FAIL;
    failures.set(i, by);
  };

  scores.forEach((score, i) => {
    const band = bands.find((g) => values[i]! >= g.min!);
    const pointsGrade = band ? band.index : grading.fallback;
    pointsGrades[i] = pointsGrade;
    reasonKinds[i] = band ? BAND : FALLBACK;
    for (const veto of score.vetoes) {
      const by: CapSource = { kind: "veto", code: veto.code, name: veto.name };
      if (veto.effect === "fail") fail(i, by);
      else if (veto.effect === "excludeFromQuota") excluded[i] = 1;
      else if (veto.effect === "capGrade") append(caps, i, { grade: veto.grade!, by });
    }
    for (const cap of grading.levelCaps) {
      const level = grading.byCode.get(String(score.input.data[cap.field] ?? ""));
      if (level !== undefined)
        append(caps, i, { grade: level, by: { kind: "levelCap", code: cap.code, name: cap.name } });
    }
    if (grading.declared) {
      const declared = grading.byCode.get(String(score.input.data[grading.declared.field] ?? ""));
      if (declared !== undefined) {
        // The level reached is the points grade as limited by the vetoes and the second criterion (安全记录);
        // only then is it compared with what the unit declared.
        const reached = (caps.get(i) ?? noCaps).reduce((c, cap) => Math.max(c, cap.grade), pointsGrade);
        append(caps, i, { grade: declared, by: { kind: "declared" } });
        if (grading.declared.failBelow && reached > declared) fail(i, { kind: "declared" });
      }
    }
    capOf[i] = (caps.get(i) ?? noCaps).reduce((c, cap) => Math.max(c, cap.grade), 0);
    grades[i] = reasonKinds[i] === FAIL ? worst : Math.max(pointsGrade, capOf[i]!);
  });

  for (const q of grading.quotaOrder) {
    const grade = grading.grades[q]!;
    const quota = grade.quota!;
    const pools = new Map<string, number[]>();
    for (const i of order) {
      const inPool =
        quota.of !== null ? grades[i] === quota.of : grade.min === null || values[i]! >= grade.min;
      if (!inPool) continue;
      const pool = pools.get(groups[i]!);
      if (pool) pool.push(i);
      else pools.set(groups[i]!, [i]);
    }
    for (const pool of pools.values()) {
      const count = quotaCount(quota.share, pool.length, quota.rounding);
      const candidates = quota.from === "top" ? pool : [...pool].reverse();
      const eligible: number[] = [];
      for (const i of candidates) {
        // A nested quota promotes from its pool grade, which may itself come from a quota (优秀 from 先进);
        // an independent quota (A on top, C at the bottom) never takes a unit another quota placed.
        if (reasonKinds[i] === FAIL || (quota.of === null && viaQuota[i])) continue;
        const why = quota.from === "bottom" ? null : excluded[i] ? "vetoed" : capOf[i]! > q ? "capped" : null;
        if (why === null) eligible.push(i);
        // Only a unit ranked within the places would have taken one; it is told why it did not.
        else if (eligible.length < count) append(skipped, i, { grade: q, why });
      }
      let chosen = eligible.slice(0, count);
      const boundary = chosen.at(-1);
      const next = eligible[count];
      if (boundary !== undefined && next !== undefined && values[boundary] === values[next]) {
        if (grading.ties === "includeAll")
          chosen = eligible.filter((i, k) => k < count || values[i] === values[boundary]);
        else if (grading.ties === "excludeAll") chosen = chosen.filter((i) => values[i] !== values[boundary]);
      }
      chosen.forEach((i, k) => {
        grades[i] = q;
        reasonKinds[i] = QUOTA;
        quotas.grade[i] = q;
        quotas.position[i] = k + 1;
        quotas.count[i] = count;
        quotas.pool[i] = pool.length;
        viaQuota[i] = 1;
      });
    }
  }

  for (const [i, score] of scores.entries()) {
    if (grading.history.length === 0) break;
    const current = grading.grades[grades[i]!]!.code;
    const history = [...score.input.history].sort((a, b) => Number(b.year) - Number(a.year));
    for (const rule of grading.history) {
      const earlier = history.slice(0, rule.years - 1);
      if (earlier.length < rule.years - 1) continue;
      const consecutive = earlier.every((h, k) => {
        const expected = options.year !== undefined ? options.year - 1 - k : Number(earlier[0]!.year) - k;
        return Number(h.year) === expected;
      });
      if (consecutive && rule.grades.has(current) && earlier.every((h) => rule.grades.has(h.grade))) {
        append(flags, i, { code: rule.code, name: rule.name, outcome: rule.outcome });
      }
    }
  }
  return table;
}
