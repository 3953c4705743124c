import { type EvaluateOptions, evaluateUnits, type SchemeInput, type UnitInputData } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { buildScheme, type SchemeBody } from "../__fixtures__/build-scheme.js";

type GradingInput = NonNullable<SchemeInput["grading"]>;

/** One manual leaf S worth `max`, so that a unit's total is the score it is given. */
function pointsScheme(grading: GradingInput, extra: Partial<SchemeBody> = {}, max = 100): SchemeBody {
  return { indicators: [{ code: "S", name: "得分", max, method: { type: "manual" } }], grading, ...extra };
}

/** Units by code → total (a number) or a full unit input without its code. */
function units(spec: Record<string, number | Omit<UnitInputData, "unit">>): UnitInputData[] {
  return Object.entries(spec).map(([unit, s]) =>
    typeof s === "number" ? { unit, scores: { S: s } } : { unit, ...s },
  );
}

function grades(scheme: SchemeBody, input: UnitInputData[], options: EvaluateOptions = {}) {
  const evaluation = evaluateUnits(buildScheme(scheme), input, options);
  return Object.fromEntries(evaluation.units.map((u) => [u.unit, u.grade]));
}

describe("absolute bands", () => {
  // 义务教育标准化学校: 900+ 达标, 850–900 基本达标, below 850 不达标 (1000-point scale)
  const school = pointsScheme(
    {
      grades: [
        { code: "DB", name: "达标", min: 900 },
        { code: "JB", name: "基本达标", min: 850 },
        { code: "BDB", name: "不达标" },
      ],
    },
    {},
    1000,
  );

  it("gives the first grade whose min the total reaches", () => {
    expect(grades(school, units({ a: 1000, b: 900, c: 899.99, d: 850, e: 849.5, f: 0 }))).toEqual({
      a: "DB",
      b: "DB",
      c: "JB",
      d: "JB",
      e: "BDB",
      f: "BDB",
    });
  });

  it("compares the published (rounded) total: 899.995 rounds to 900.00", () => {
    expect(grades(school, units({ a: 899.995, b: 899.994 }))).toEqual({ a: "DB", b: "JB" });
  });

  it("grades on the 得分率 with basis: rate", () => {
    const byRate: SchemeBody = {
      indicators: [
        { code: "P", name: "已评", max: 80, method: { type: "manual" } },
        { code: "Q", name: "空项", max: 20, notApplicable: true, method: { type: "manual" } },
      ],
      notApplicable: "raw",
      grading: {
        basis: "rate",
        grades: [
          { code: "one", name: "一级", min: 90 },
          { code: "none", name: "未达标" },
        ],
      },
    };
    // raw total 72, but 72 / 80 = 90%
    expect(grades(byRate, [{ unit: "a", scores: { P: 72, Q: { na: true } } }])).toEqual({ a: "one" });
  });
});

/** 先进单位 = top 60% of 达标单位, 优秀单位 = top 30% of 先进单位 (县总工会). */
const nested = (extra: Partial<GradingInput> = {}): SchemeBody =>
  pointsScheme({
    grades: [
      { code: "YX", name: "优秀单位", quota: { share: 0.3, of: "XJ" } },
      { code: "XJ", name: "先进单位", quota: { share: 0.6, of: "DB" } },
      { code: "DB", name: "达标单位", min: 80 },
      { code: "WDB", name: "未达标" },
    ],
    ...extra,
  });

describe("nested quotas", () => {
  it("takes 先进 from the 达标 pool and 优秀 from the 先进 pool", () => {
    // 5 达标: 先进 = 0.6 × 5 = 3; 优秀 = 0.3 × 3 = 0.9 → 1
    expect(grades(nested(), units({ u1: 95, u2: 92, u3: 90, u4: 85, u5: 81, u6: 79, u7: 60 }))).toEqual({
      u1: "YX",
      u2: "XJ",
      u3: "XJ",
      u4: "DB",
      u5: "DB",
      u6: "WDB",
      u7: "WDB",
    });
  });

  it.each([
    // 0.6 × 7 = 4.2 先进 (incl. 优秀); 优秀 = 0.3 × that
    ["halfUp", 4, 1], // 4, then 1.2 → 1
    ["floor", 4, 1], // 4, then 1.2 → 1
    ["ceil", 5, 2], // 5, then 1.5 → 2
  ] as const)("rounds quota counts %s: 先进 %i, 优秀 %i of 7 达标", (quotaRounding, advanced, excellent) => {
    const result = grades(
      nested({ quotaRounding }),
      units({ a: 99, b: 98, c: 97, d: 96, e: 95, f: 94, g: 93 }),
    );
    const count = (...codes: string[]) => Object.values(result).filter((g) => codes.includes(g!)).length;
    expect(count("YX", "XJ")).toBe(advanced);
    expect(count("YX")).toBe(excellent);
  });

  it("takes a quota without `of` from the units meeting the grade's min", () => {
    const scheme = pointsScheme({
      grades: [
        { code: "A", name: "优秀", min: 90, quota: { share: 0.5 } },
        { code: "B", name: "合格", min: 60 },
        { code: "C", name: "不合格" },
      ],
    });
    // 3 units reach 90: 0.5 × 3 = 1.5 → 2 places; 91 is left with the band grade 合格
    expect(grades(scheme, units({ a: 95, b: 92, c: 91, d: 85, e: 50 }))).toEqual({
      a: "A",
      b: "A",
      c: "B",
      d: "B",
      e: "C",
    });
  });

  it.each([
    [0.5, 5, "halfUp", 3],
    [0.5, 5, "floor", 2],
    [0.5, 5, "ceil", 3],
    [0.3, 7, "halfUp", 2],
    [0.3, 7, "ceil", 3],
    [0.35, 10, "halfUp", 4],
    [0.34, 10, "halfUp", 3],
    [0.34, 10, "ceil", 4],
  ] as const)("a quota of %s × %s units rounded %s gives %s places", (share, pool, rounding, expected) => {
    const scheme = pointsScheme({
      quotaRounding: rounding === "halfUp" ? "ceil" : "halfUp",
      grades: [
        { code: "top", name: "优秀", quota: { share, of: "ok", rounding } },
        { code: "ok", name: "合格", min: 60 },
        { code: "no", name: "不合格" },
      ],
    });
    const input = units(Object.fromEntries(Array.from({ length: pool }, (_, i) => [`u${i + 10}`, 90 - i])));
    const result = grades(scheme, input);
    expect(Object.values(result).filter((g) => g === "top")).toHaveLength(expected);
  });
});

describe("ties at a quota boundary", () => {
  /** A (50) + B (50); 优秀 = 40% of 合格, so 2 of 5. */
  const tied = (extra: Partial<GradingInput> = {}): SchemeBody => ({
    indicators: [
      { code: "A", name: "重点工作", max: 50, method: { type: "manual" } },
      { code: "B", name: "共性工作", max: 50, method: { type: "manual" } },
    ],
    grading: {
      grades: [
        { code: "top", name: "优秀", quota: { share: 0.4, of: "ok" } },
        { code: "ok", name: "合格", min: 60 },
        { code: "no", name: "不合格" },
      ],
      ...extra,
    },
  });
  // u2 and u3 tie at 85 on the boundary of the 2 places; u3 did better on A.
  const input: UnitInputData[] = [
    { unit: "u1", scores: { A: 45, B: 45 } },
    { unit: "u2", scores: { A: 40, B: 45 } },
    { unit: "u3", scores: { A: 45, B: 40 } },
    { unit: "u4", scores: { A: 40, B: 40 } },
    { unit: "u5", scores: { A: 40, B: 35 } },
  ];
  const topOf = (extra: Partial<GradingInput>) =>
    Object.entries(grades(tied(extra), input))
      .filter(([, g]) => g === "top")
      .map(([u]) => u)
      .sort();

  it("breaks the tie by unit code by default", () => {
    expect(topOf({})).toEqual(["u1", "u2"]);
  });

  it("breaks the tie by an indicator's score when tieBreak says so", () => {
    expect(topOf({ tieBreak: [{ indicator: "A" }, "code"] })).toEqual(["u1", "u3"]);
    const order = evaluateUnits(buildScheme(tied({ tieBreak: [{ indicator: "A" }] })), input).units.map(
      (u) => u.unit,
    );
    expect(order).toEqual(["u1", "u3", "u2", "u4", "u5"]);
  });

  it("includes every tied unit with ties: includeAll", () => {
    expect(topOf({ ties: "includeAll" })).toEqual(["u1", "u2", "u3"]);
  });

  it("leaves every tied unit out with ties: excludeAll", () => {
    expect(topOf({ ties: "excludeAll" })).toEqual(["u1"]);
  });

  it("gives competition ranks: tied units share a rank and the next rank is skipped (1, 2, 2, 4)", () => {
    const ranks = Object.fromEntries(
      evaluateUnits(buildScheme(tied()), input).units.map((u) => [u.unit, u.rank]),
    );
    expect(ranks).toEqual({ u1: 1, u2: 2, u3: 2, u4: 4, u5: 5 });
  });
});

describe("group quotas (按组别排序 into A/B/C)", () => {
  const abc = (groupBy: GradingInput["groupBy"]): SchemeBody =>
    pointsScheme(
      {
        groupBy,
        grades: [
          { code: "A", name: "A级", quota: { share: 0.2 } },
          { code: "B", name: "B级" },
          { code: "C", name: "C级", quota: { share: 0.2, from: "bottom" } },
        ],
      },
      {
        categories: [
          { code: "c1", name: "公益一类" },
          { code: "c2", name: "公益二类" },
        ],
        fields: [{ code: "grp", name: "组别", type: "text" }],
      },
    );
  // c1: 5 units (A = C = 0.2 × 5 = 1); c2: 10 units (A = C = 2)
  const c1 = [90, 80, 70, 60, 50];
  const c2 = [95, 90, 85, 80, 75, 70, 65, 60, 55, 50];
  const input: UnitInputData[] = [
    ...c1.map((s, i) => ({ unit: `p${i}`, category: "c1", data: { grp: "g1" }, scores: { S: s } })),
    ...c2.map((s, i) => ({ unit: `q${i}`, category: "c2", data: { grp: "g2" }, scores: { S: s } })),
  ];

  it.each([["category" as const], [{ field: "grp" }]])(
    "ranks and applies quotas within each group (%j)",
    (by) => {
      const evaluation = evaluateUnits(buildScheme(abc(by)), input);
      const byGrade = (grade: string) =>
        evaluation.units
          .filter((u) => u.grade === grade)
          .map((u) => u.unit)
          .sort();
      expect(byGrade("A")).toEqual(["p0", "q0", "q1"]);
      expect(byGrade("C")).toEqual(["p4", "q8", "q9"]);
      const p0 = evaluation.units.find((u) => u.unit === "p0")!;
      // 90 is second overall, tied with q1 (95, 90, 90, …), and first in its group
      expect(p0.groupRank).toBe(1);
      expect(p0.rank).toBe(2);
      expect(evaluation.units.find((u) => u.unit === "q9")!.groupRank).toBe(10);
    },
  );

  it("without groups, takes the quotas over all units", () => {
    const evaluation = evaluateUnits(buildScheme(abc(undefined)), input);
    // 15 units: 0.2 × 15 = 3 at each end; q1 and p0 tie at 90 and the code breaks it
    expect(evaluation.units.filter((u) => u.grade === "A").map((u) => u.unit)).toEqual(["q0", "p0", "q1"]);
    expect(evaluation.units.filter((u) => u.grade === "C").map((u) => u.unit)).toEqual(["q8", "p4", "q9"]);
  });
});

describe("caps: vetoes, level caps and the declared level", () => {
  /** 安全生产标准化: 一级 ≥ 90, 二级 ≥ 75, 三级 ≥ 60 (on the rate), else 未达标. */
  const safety = (failBelow: boolean): SchemeBody =>
    pointsScheme(
      {
        grades: [
          { code: "L1", name: "一级", min: 90 },
          { code: "L2", name: "二级", min: 75 },
          { code: "L3", name: "三级", min: 60 },
          { code: "NO", name: "未达标" },
        ],
        levelCaps: [
          { code: "record", name: "事故记录", field: "record_cap" },
          { code: "audit", name: "审计等级", field: "audit_cap" },
        ],
        declared: { field: "declared", failBelow },
      },
      {
        fields: [
          { code: "record_cap", name: "事故记录允许的最高等级", type: "grade" },
          { code: "audit_cap", name: "审计允许的最高等级", type: "grade" },
          { code: "declared", name: "申报等级", type: "grade" },
          { code: "hazard", name: "重大隐患未整改", type: "boolean" },
        ],
        vetoes: [{ code: "V1", name: "重大隐患未整改", when: "hazard", effect: "capGrade", grade: "L2" }],
      },
    );
  const unit = (score: number, data: UnitInputData["data"]) => ({
    scores: { S: score },
    data: { hazard: false, ...data },
  });

  it("caps by a level field; with two, the lowest wins; a cap never raises", () => {
    expect(
      grades(
        safety(false),
        units({
          a: unit(95, { record_cap: "L2" }),
          b: unit(95, { record_cap: "L2", audit_cap: "L3" }),
          c: unit(95, { record_cap: "L3", audit_cap: "L2" }),
          d: unit(70, { record_cap: "L1" }),
          e: unit(95, {}),
        }),
      ),
    ).toEqual({ a: "L2", b: "L3", c: "L3", d: "L3", e: "L1" });
  });

  it("never grades above the declared level; below it, the level reached or, with failBelow, the worst", () => {
    const input = units({
      above: unit(95, { declared: "L2" }),
      equal: unit(80, { declared: "L2" }),
      below: unit(80, { declared: "L1" }),
    });
    expect(grades(safety(false), input)).toEqual({ above: "L2", equal: "L2", below: "L2" });
    expect(grades(safety(true), input)).toEqual({ above: "L2", equal: "L2", below: "NO" });
  });

  it("compares with the declared level after the vetoes and level caps", () => {
    const input = units({
      capped: unit(95, { declared: "L1", record_cap: "L2" }),
      vetoed: unit(95, { declared: "L1", hazard: true }),
      fine: unit(95, { declared: "L1", hazard: false }),
      vetoedLow: unit(95, { declared: "L2", hazard: true }),
    });
    expect(grades(safety(true), input)).toEqual({ capped: "NO", vetoed: "NO", fine: "L1", vetoedLow: "L2" });
  });
});

describe("veto effects on grades", () => {
  /** 教育工作先进县 ≥ 90 (and the 优秀 quota: 40% of 合格), 合格县 ≥ 60, else 不合格. */
  const county = (effect: "capGrade" | "excludeFromQuota" | "zero" | "fail"): SchemeBody =>
    pointsScheme(
      {
        grades: [
          { code: "YX", name: "优秀", quota: { share: 0.4, of: "HG" } },
          { code: "XJ", name: "先进县", min: 90 },
          { code: "HG", name: "合格县", min: 60 },
          { code: "BHG", name: "不合格" },
        ],
      },
      {
        fields: [
          { code: "d_area", name: "D级危房面积" },
          { code: "area", name: "校舍面积" },
        ],
        vetoes: [
          {
            code: "V1",
            name: "D级危房比例超过3%",
            when: "d_area / area > 0.03",
            effect,
            ...(effect === "capGrade" ? { grade: "HG" } : {}),
          },
        ],
      },
    );
  const county91 = (d_area: number) => ({ scores: { S: 91.5 }, data: { d_area, area: 1000 } });

  it("capGrade: 91.5 points, enough for 先进县, graded 合格县 because D级危房 exceeds 3%", () => {
    expect(grades(county("capGrade"), units({ a: county91(31), b: county91(30) }))).toEqual({
      a: "HG",
      b: "XJ",
    });
  });

  it("capGrade never raises a grade", () => {
    const low = { scores: { S: 50 }, data: { d_area: 50, area: 1000 } };
    expect(grades(county("capGrade"), units({ low }))).toEqual({ low: "BHG" });
  });

  it("excludeFromQuota: the vetoed unit keeps its place in the pool but the next unit takes its quota place", () => {
    const clean = (s: number) => ({ scores: { S: s }, data: { d_area: 0, area: 1000 } });
    // 合格 pool of 5 → 优秀 = 2; the best (a, vetoed) is skipped, so b and c get it
    const result = grades(
      county("excludeFromQuota"),
      units({
        a: { scores: { S: 88 }, data: { d_area: 40, area: 1000 } },
        b: clean(85),
        c: clean(80),
        d: clean(75),
        e: clean(70),
      }),
    );
    expect(result).toEqual({ a: "HG", b: "YX", c: "YX", d: "HG", e: "HG" });
  });

  it("zero: the total is 0, so the unit is graded and ranked on 0", () => {
    const evaluation = evaluateUnits(
      buildScheme(county("zero")),
      units({ a: county91(31), b: { scores: { S: 10 }, data: { d_area: 0, area: 1000 } } }),
    );
    const a = evaluation.units.find((u) => u.unit === "a")!;
    expect([a.total, a.grade, a.rank]).toEqual(["0.00", "BHG", 2]);
  });

  it("fail: the worst grade whatever the points", () => {
    expect(grades(county("fail"), units({ a: county91(31) }))).toEqual({ a: "BHG" });
  });
});

describe("history flags (连续三年A级, 连续两年C级)", () => {
  const withHistory = pointsScheme({
    grades: [
      { code: "A", name: "A级", min: 90 },
      { code: "B", name: "B级", min: 60 },
      { code: "C", name: "C级" },
    ],
    history: [
      { code: "H1", name: "连续三年A级", grades: ["A"], years: 3, outcome: "优先提拔任用" },
      { code: "H2", name: "连续两年C级", grades: ["C"], years: 2, outcome: "降免职或解聘" },
    ],
  });
  const input = units({
    threeA: {
      scores: { S: 95 },
      history: [
        { year: 2023, grade: "A" },
        { year: 2022, grade: "A" },
      ],
    },
    unsorted: {
      scores: { S: 95 },
      history: [
        { year: 2022, grade: "A" },
        { year: "2023", grade: "A" },
      ],
    },
    gap: {
      scores: { S: 95 },
      history: [
        { year: 2023, grade: "A" },
        { year: 2021, grade: "A" },
      ],
    },
    earlierB: {
      scores: { S: 95 },
      history: [
        { year: 2023, grade: "A" },
        { year: 2022, grade: "B" },
      ],
    },
    nowB: {
      scores: { S: 85 },
      history: [
        { year: 2023, grade: "A" },
        { year: 2022, grade: "A" },
      ],
    },
    oneYear: { scores: { S: 95 }, history: [{ year: 2023, grade: "A" }] },
    twoC: { scores: { S: 40 }, history: [{ year: 2023, grade: "C" }] },
  });
  const flags = (options: EvaluateOptions = {}) =>
    Object.fromEntries(
      evaluateUnits(buildScheme(withHistory), input, options).units.map((u) => [u.unit, u.flags]),
    );

  it("flags when this year's grade and the earlier consecutive years' grades all qualify", () => {
    expect(flags()).toEqual({
      threeA: ["H1"],
      unsorted: ["H1"],
      gap: [],
      earlierB: [],
      nowB: [],
      oneYear: [],
      twoC: ["H2"],
    });
  });

  it("with the evaluation's year, requires the years just before it", () => {
    expect(flags({ year: 2024 })).toMatchObject({ threeA: ["H1"], twoC: ["H2"] });
    expect(flags({ year: 2025 })).toMatchObject({ threeA: [], unsorted: [], twoC: [] });
  });
});
