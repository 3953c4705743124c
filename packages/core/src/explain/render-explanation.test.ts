import {
  type Evaluation,
  evaluateUnits,
  explainUnit,
  type Rating,
  renderExplanation,
  type UnitInputData,
  UnknownUnitError,
} from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildScheme, TEST_HEADER } from "../__fixtures__/build-scheme.js";

/** A county trade union's appraisal (县总工会年度考评), cut down to what the explanations show. */
const unionYaml = `
code: union-explain
name: 工会考评
version: 1
issuer: 县总工会
fields:
  - { code: two_universal_done, name: 两个普遍完成, type: boolean }
indicators:
  - code: A
    name: 共性工作目标
    max: 35
    children:
      - code: A1
        name: 组织建设
        max: 16
        children:
          - code: A1.1
            name: 党委重视
            max: 10
            method:
              type: deductions
              rules:
                - { code: a, text: 未召开党委(组)会议研究工会工作的, points: 5 }
                - { code: b, text: 通报问题未按期整改的, points: 1, perOccurrence: true, cap: 3 }
                - { code: c, text: 发生重大违纪问题的, points: 6 }
          - code: A1.2
            name: 工会领导班子建设
            max: 6
            method:
              type: checklist
              items:
                - { code: "1", text: 主席及成员按规定任免, points: 1.5 }
                - { code: "2", text: 企业工会主席按规定配备, points: 1.5 }
                - { code: "3", text: 配备兼职经审干部, points: 1.5 }
                - { code: "4", text: 女职工委员会主任按规定配备, points: 1.5 }
      - code: A2
        name: 活动阵地
        max: 14
        method:
          type: levels
          levels:
            - { code: A, name: 好, share: 1 }
            - { code: B, name: 较好, share: 0.8 }
      - code: A3
        name: 联席会议
        max: 5
        notApplicable: true
        method: { type: manual, step: 0.5 }
  - code: B
    name: 重点工作目标
    max: 65
    method: { type: manual, step: 0.5 }
bonus:
  items:
    - { code: J1, name: 重大创新, max: 2 }
    - { code: J2, name: 调研成果, max: 2 }
  cap: 3
vetoes:
  - { code: F1, name: 两个普遍未完成, when: "not two_universal_done", effect: fail }
raters:
  groups:
    - { code: leaders, name: 县总工会领导, weight: 0.4 }
    - code: peers
      name: 其他申报单位主要负责人
      weight: 0.3
      aggregation: { method: trimmedMean, minRaters: 5 }
    - code: depts
      name: 县总工会相关部室负责人
      weight: 0.3
      aggregation: { method: trimmedMean, minRaters: 5 }
grading:
  grades:
    - { code: YX, name: 优秀单位, quota: { share: 0.3, of: XJ } }
    - { code: XJ, name: 先进单位, quota: { share: 0.6, of: DB } }
    - { code: DB, name: 达标单位, min: 80 }
    - { code: WDB, name: 未达标 }
`;

/** B's score and full marks elsewhere (A1.1 10, A1.2 6, A2 14, A3 5): total = B + 35. */
const fullSheet = (b: number) => ({
  B: b,
  "A1.1": { deductions: {} },
  "A1.2": { checked: ["1", "2", "3", "4"] },
  A2: "A",
  A3: 5,
});

const totals = (byGroup: Record<string, number[]>): Rating[] =>
  Object.entries(byGroup).flatMap(([group, values]) =>
    values.map((total, i) => ({ rater: `${group}${i + 1}`, group, total })),
  );

const done = { two_universal_done: true };
const unionUnits: UnitInputData[] = [
  { unit: "T1", name: "一中工会", data: done, scores: fullSheet(65) }, // 100
  { unit: "T5", name: "五金厂工会", data: { two_universal_done: false }, scores: fullSheet(60) }, // 95, vetoed
  {
    unit: "R1",
    name: "人民医院工会",
    data: done,
    // 0.4 × 92 + 0.3 × (88 + 90 + 91 + 93) / 4 + 0.3 × (85 + 90 + 92 + 89) / 4 = 36.8 + 27.15 + 26.7 = 90.65
    ratings: totals({
      leaders: [92, 90, 94],
      peers: [95, 88, 90, 91, 93, 80],
      depts: [85, 90, 92, 89],
    }),
  },
  { unit: "T2", name: "二中工会", data: done, scores: fullSheet(55) }, // 90
  {
    unit: "U1",
    name: "城关镇总工会",
    data: done,
    // 62 + (10 − 5 − 2) + 1.5 × 2 + 0.8 × 14 = 79.2 of 95 applicable → 83.368… → 83.37; bonus 2 + 1.5 → 3: 86.37
    scores: {
      B: 62,
      "A1.1": { deductions: { a: 1, b: 2 } },
      "A1.2": { checked: ["1", "2"] },
      A2: "B",
      A3: { na: true, note: "本年度未建立联席会议制度" },
    },
    bonus: { J1: 2.5, J2: 1.5 },
  },
  {
    unit: "T3",
    name: "三中工会",
    data: done,
    // A1.1: 5 + min(5 × 1, 3) + 6 = 14 > 10 → 0; 58 + 0 + 6 + 14 + 5 = 83
    scores: { ...fullSheet(58), "A1.1": { deductions: { a: 1, b: 5, c: 1 } } },
  },
  { unit: "T6", name: "六中工会", data: done, scores: fullSheet(35) }, // 70
];

// Published order: T1 100, T5 95, R1 90.65, T2 90, U1 86.37, T3 83, T6 70. T5 fails (veto), so the 达标
// pool is T1 R1 T2 U1 T3 (5): 先进 = 0.6 × 5 = 3 (T1 R1 T2), 优秀 = 0.3 × 3 = 0.9 → 1 (T1).
const union: Evaluation = evaluateUnits(buildScheme(unionYaml), unionUnits);
const zh = (unit: string) => renderExplanation(explainUnit(union, unit));

describe("renderExplanation in Chinese", () => {
  it("heads the text with the unit, the total, the grade and the rank", () => {
    const text = zh("U1");
    expect(text.split("\n")[0]).toBe("城关镇总工会（U1）工会考评 得分说明");
    expect(text).toContain("总分 86.37 分（满分 100 分），等次：达标单位，排名第 5 名（共 7 个单位）");
  });

  it("shows checklist misses as 扣除n项×m分 with the items missed", () => {
    expect(zh("U1")).toContain(
      "    A1.2 工会领导班子建设：分值6分，扣除2项×1.5分（未落实：配备兼职经审干部、女职工委员会主任按规定配备），得3分",
    );
  });

  it("shows deductions with their texts and counts, caps and the floor at 0", () => {
    expect(zh("U1")).toContain(
      "    A1.1 党委重视：分值10分，未召开党委(组)会议研究工会工作的扣5分；通报问题未按期整改的扣1分×2次，得3分",
    );
    expect(zh("T3")).toContain(
      "A1.1 党委重视：分值10分，未召开党委(组)会议研究工会工作的扣5分；通报问题未按期整改的扣1分×5次（以3分为限）；发生重大违纪问题的扣6分（扣完为止），得0分",
    );
    expect(zh("T1")).toContain("A1.1 党委重视：分值10分，无扣分，得10分");
  });

  it("does not repeat the points of a rule whose text already states them", () => {
    const scheme = buildScheme({
      indicators: [
        {
          code: "C1",
          name: "活动阵地",
          max: 10,
          method: {
            type: "deductions",
            rules: [
              { code: "a", text: "无固定活动场所的扣5分", points: 5 },
              { code: "b", text: "活动次数未达到2次的，每少一次扣1.5分", points: 1.5, perOccurrence: true },
            ],
          },
        },
      ],
    });
    const evaluation = evaluateUnits(scheme, [{ unit: "U", scores: { C1: { deductions: { a: 1, b: 2 } } } }]);
    // 10 − 5 − 2 × 1.5 = 2
    expect(renderExplanation(explainUnit(evaluation, "U"))).toContain(
      "C1 活动阵地：分值10分，无固定活动场所的扣5分；活动次数未达到2次的，每少一次扣1.5分×2次，得2分",
    );
  });

  it("shows levels, the element's sum, and the scorer's note", () => {
    const text = zh("U1");
    expect(text).toContain("  A2 活动阵地：分值14分，评为“较好”（80%），得11.2分");
    expect(text).toContain("A1 组织建设：分值16分，得6分");
    expect(text).toContain("说明：本年度未建立联席会议制度");
  });

  it("shows the not-applicable item and the re-basing", () => {
    const text = zh("U1");
    expect(text).toContain("  A3 联席会议：分值5分，申报不适用（空项），不计入应得分，得—（不适用）");
    expect(text).toContain(
      "不适用项分值 5.00 分，应得分 95.00 分，实得分 79.20 分；得分率 = 实得分 / 应得分 × 100 = 83.37%，折算得分 83.37 分",
    );
    expect(zh("T1")).not.toContain("不适用项分值");
  });

  it("shows each rater group with its scores, the dropped highest and lowest, and the weighted total", () => {
    const text = zh("R1");
    expect(text).toContain("县总工会领导（权重40%）：3人评分 92、90、94，组内得分 92.00");
    expect(text).toContain(
      "其他申报单位主要负责人（权重30%）：6人评分 95、88、90、91、93、80，去掉一个最高分95和一个最低分80后组内得分 90.50",
    );
    // four raters, fewer than the five needed to drop any
    expect(text).toContain("县总工会相关部室负责人（权重30%）：4人评分 85、90、92、89，组内得分 89.00");
    expect(text).toContain("各组加权总评分 90.65 分");
  });

  it("shows each bonus item within its max and the cap on the sum", () => {
    const text = zh("U1");
    expect(text).toContain("J1 重大创新：加2分（申报2.5分，每项最高2分）");
    expect(text).toContain("J2 调研成果：加1.5分");
    expect(text).toContain("加分合计以3分为限");
  });

  it("shows the veto and the grade it forces", () => {
    const text = zh("T5");
    expect(text).toContain("一票否决\n  F1 两个普遍未完成：直接定为最低等次");
    expect(text).toContain("一票否决 F1 两个普遍未完成，定为“未达标”");
    expect(text).toContain("最终等次：未达标");
    expect(zh("U1")).toContain("一票否决\n  无");
  });

  it("shows the quota position: pool, share, places and the unit's place", () => {
    expect(zh("R1")).toContain("在“达标单位” 5 个中按60%确定“先进单位”名额 3 个，本单位位列第 2 位");
    expect(zh("T1")).toContain("在“先进单位” 3 个中按30%确定“优秀单位”名额 1 个，本单位位列第 1 位");
    const u1 = zh("U1");
    expect(u1).toContain("按得分 86.37 分 ≥ 80 分，分数等次为“达标单位”");
    expect(u1).toContain("最终等次：达标单位");
  });

  it("refuses a unit that is not in the evaluation", () => {
    expect(() => explainUnit(union, "NOPE")).toThrow(UnknownUnitError);
  });
});

/** Every name and text a scheme or its units supply, which a rendering may quote in any language. */
function suppliedNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(suppliedNames);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    typeof v === "string" && ["name", "text", "outcome", "label", "note"].includes(key)
      ? [v]
      : suppliedNames(v),
  );
}

/** Chinese characters and full-width punctuation (，（）“”：). */
const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u201c\u201d]/u;

function withoutNames(text: string, names: string[]): string {
  return [...names].sort((a, b) => b.length - a.length).reduce((t, name) => t.split(name).join(""), text);
}

describe("renderExplanation in English", () => {
  it("has no Chinese labels in the union appraisal, only the names the scheme and units supply", () => {
    const names = [...suppliedNames(parse(unionYaml)), ...suppliedNames(unionUnits)];
    for (const unit of unionUnits) {
      const text = renderExplanation(explainUnit(union, unit.unit), "en");
      expect(withoutNames(text, names), unit.unit).not.toMatch(CHINESE);
    }
  });

  it("shows the rater groups, the re-basing and the quota in English", () => {
    const r1 = renderExplanation(explainUnit(union, "R1"), "en");
    expect(r1).toContain(
      "其他申报单位主要负责人 (weight 30%): 6 rater(s) 95, 88, 90, 91, 93, 80, highest 95 and lowest 80 dropped, group score 90.50",
    );
    expect(r1).toContain('"先进单位" is 60% of 5 "达标单位" units = 3 places; this unit is number 2');
    const u1 = renderExplanation(explainUnit(union, "U1"), "en");
    expect(u1).toContain("rate = points / applicable max × 100 = 83.37%");
  });

  /** Every leaf method, each kind of formula scoring, every veto effect, caps, a bottom quota and a flag. */
  const everything = {
    fields: [
      { code: "rate_in", name: "入学率" },
      { code: "danger", name: "存在D级危房", type: "boolean" as const },
      { code: "crime", name: "发生刑事案件", type: "boolean" as const },
      { code: "late", name: "材料逾期", type: "boolean" as const },
      { code: "record_cap", name: "事故记录允许的最高等级", type: "grade" as const },
      { code: "declared", name: "申报等级", type: "grade" as const },
    ],
    categories: [{ code: "primary", name: "小学" }],
    indicators: [
      {
        code: "M",
        name: "手工评分",
        max: 10,
        method: { type: "manual" as const, step: 0.5 },
      },
      {
        code: "D",
        name: "扣分项",
        max: 4,
        method: {
          type: "deductions" as const,
          rules: [
            { code: "x", text: "缺少台账", points: 1, perOccurrence: true, cap: 2 },
            { code: "y", text: "未整改", points: 3 },
          ],
        },
      },
      {
        code: "C",
        name: "清单",
        max: 3,
        method: {
          type: "checklist" as const,
          items: [
            { code: "1", text: "制度健全", points: 1 },
            { code: "2", text: "人员到位", points: 2 },
          ],
        },
      },
      {
        code: "Y",
        name: "是否建立",
        max: 2,
        method: { type: "boolean" as const, text: "是否建立制度", falseShare: 0.5 },
      },
      {
        code: "F1",
        name: "入学率分段",
        max: 10,
        method: {
          type: "formula" as const,
          value: "rate_in",
          scoring: {
            type: "bands" as const,
            bands: [{ atLeast: 0.99, share: 1 }, { atLeast: 0.95, below: 0.99, share: 0.6 }, { share: 0 }],
          },
        },
      },
      {
        code: "F2",
        name: "入学率线性",
        max: 10,
        method: {
          type: "formula" as const,
          value: "rate_in",
          scoring: {
            type: "linear" as const,
            points: [
              [0.9, 0],
              [1, 1],
            ] as Array<[number, number]>,
          },
        },
      },
      {
        code: "F3",
        name: "入学率达标",
        max: 5,
        method: {
          type: "formula" as const,
          value: "rate_in",
          scoring: { type: "threshold" as const, op: ">=" as const, value: 0.95 },
        },
      },
      {
        code: "S",
        name: "群众满意度",
        max: 6,
        method: {
          type: "satisfaction" as const,
          answers: [
            { code: "s", name: "满意", satisfied: true },
            { code: "n", name: "不满意" },
          ],
          scoring: { type: "share" as const },
        },
      },
      {
        code: "N",
        name: "可空项",
        max: 50,
        notApplicable: true,
        method: { type: "manual" as const },
      },
    ],
    bonus: { items: [{ code: "J", name: "创新加分", max: 1 }], cap: 0.5 },
    vetoes: [
      { code: "V1", name: "D级危房", when: "danger", effect: "capGrade" as const, grade: "B" },
      { code: "V2", name: "刑事案件", when: "crime", effect: "fail" as const },
      { code: "V3", name: "材料逾期", when: "late", effect: "excludeFromQuota" as const },
    ],
    grading: {
      groupBy: "category" as const,
      grades: [
        { code: "A", name: "甲等", quota: { share: 0.5 } },
        { code: "B", name: "乙等", min: 30 },
        { code: "C", name: "丙等" },
        { code: "D", name: "丁等", quota: { share: 0.25, from: "bottom" as const } },
      ],
      levelCaps: [{ code: "rec", name: "事故记录", field: "record_cap" }],
      declared: { field: "declared" },
      history: [{ code: "H", name: "连续两年甲等", grades: ["A"], years: 2, outcome: "通报表扬" }],
    },
  };
  const sheet = {
    M: 9.5,
    D: { deductions: { x: 3 } },
    C: { checked: ["1"] },
    Y: false,
    S: { answers: { s: 40, n: 10 } },
    N: { na: true },
  };
  const facts = { danger: false, crime: false, late: false };
  const school = (unit: string, name: string, data: UnitInputData["data"]): UnitInputData => ({
    unit,
    name,
    category: "primary",
    data: { ...facts, ...data },
    scores: sheet,
  });
  const everyUnit: UnitInputData[] = [
    {
      ...school("E1", "实验小学", { rate_in: 0.97 }),
      bonus: { J: 2 },
      history: [{ year: 2023, grade: "A" }],
    },
    school("E2", "东关小学", { rate_in: 0.99, late: true }),
    school("E3", "西关小学", { rate_in: 0.93, danger: true, record_cap: "B" }),
    school("E4", "南关小学", { rate_in: 0.9, crime: true, declared: "B" }),
  ];

  it("has no Chinese labels for any method, veto effect, cap or quota", () => {
    const evaluation = evaluateUnits(buildScheme(everything), everyUnit);
    const names = [...suppliedNames({ ...TEST_HEADER, ...everything }), ...suppliedNames(everyUnit)];
    for (const unit of everyUnit) {
      const text = renderExplanation(explainUnit(evaluation, unit.unit), "en");
      expect(withoutNames(text, names), `${unit.unit}:\n${text}`).not.toMatch(CHINESE);
    }
  });
});

describe("quota places a vetoed or capped unit could not take", () => {
  // 优秀 = 40% of 5 合格 = 2 places. a ranks first but is excluded, so b and c take the places; e, also
  // excluded, ranks fifth and would never have had one.
  const scheme = buildScheme({
    fields: [{ code: "late", name: "材料逾期", type: "boolean" }],
    indicators: [{ code: "S", name: "得分", max: 100, method: { type: "manual" } }],
    vetoes: [{ code: "V", name: "材料逾期", when: "late", effect: "excludeFromQuota" }],
    grading: {
      grades: [
        { code: "YX", name: "优秀", quota: { share: 0.4, of: "HG" } },
        { code: "HG", name: "合格", min: 60 },
        { code: "BHG", name: "不合格" },
      ],
    },
  });
  const unit = (code: string, score: number, late: boolean): UnitInputData => ({
    unit: code,
    data: { late },
    scores: { S: score },
  });
  const evaluation = evaluateUnits(scheme, [
    unit("a", 88, true),
    unit("b", 85, false),
    unit("c", 80, false),
    unit("d", 75, false),
    unit("e", 70, true),
  ]);

  it("says so for the unit whose rank would have given it a place", () => {
    expect(renderExplanation(explainUnit(evaluation, "a"))).toContain(
      "按排名可进入“优秀”名额，但一票否决，不参加评先评优",
    );
    expect(evaluation.units.filter((u) => u.grade === "YX").map((u) => u.unit)).toEqual(["b", "c"]);
  });

  it("does not say so for a unit ranked below the places", () => {
    expect(renderExplanation(explainUnit(evaluation, "e"))).not.toContain("按排名可进入");
    expect(renderExplanation(explainUnit(evaluation, "e"), "en")).not.toContain("ranked into");
  });
});
