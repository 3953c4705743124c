import { describe, expect, it } from "vitest";
import { checkAnswers } from "./check-answers.js";
import { checkIndicatorLink, levelsFromIndicator } from "./indicator-link.js";
import { DEFAULT_LIKERT_LEVELS, SurveyDefinition } from "./model.js";
import { allocateTokens, sampleSize } from "./sample-size.js";
import { type GroupCounts, indicatorAnswers, surveyUnitResult } from "./tally.js";

const definition = SurveyDefinition.parse({
  title: "义务教育满意度调查",
  questions: [
    { code: "Q1", type: "likert", text: "您对本县义务教育总体是否满意？", levels: DEFAULT_LIKERT_LEVELS },
    {
      code: "Q2",
      type: "multiple",
      text: "您最关心的方面",
      options: [
        { code: "a", text: "师资" },
        { code: "b", text: "校舍" },
      ],
    },
    { code: "Q3", type: "text", text: "意见建议", required: false },
  ],
  groups: [
    { code: "parents", name: "家长", minShare: "0.5" },
    { code: "teachers", name: "教师", minShare: "0.2" },
    { code: "others", name: "社会人士" },
  ],
  keyQuestion: "Q1",
  indicatorCode: "C4",
});

describe("sample size", () => {
  it("is 600 up to 400,000 residents and 1.5‰ rounded up above", () => {
    const rule = { minimum: 600, perMille: "1.5" };
    expect(sampleSize(null, rule)).toBe(600);
    expect(sampleSize(400_000, rule)).toBe(600); // 1.5 × 400 = 600
    expect(sampleSize(400_001, rule)).toBe(601); // 600.0015 → 601
    expect(sampleSize(523_456, rule)).toBe(786); // 1.5 × 523.456 = 785.184 → 786
    expect(sampleSize(10_000, { minimum: 50, perMille: "8" })).toBe(80);
  });

  it("gives each group its quota of the tokens first, then shares the rest evenly", () => {
    // 600: 家长 ⌈0.5×600⌉ = 300, 教师 120, 社会人士 0; 180 left → 60 each.
    expect(Object.fromEntries(allocateTokens(600, definition.groups))).toEqual({
      parents: 360,
      teachers: 180,
      others: 60,
    });
    // 7: 家长 ⌈3.5⌉ = 4, 教师 ⌈1.4⌉ = 2, 0; 1 left → the first group.
    expect(Object.fromEntries(allocateTokens(7, definition.groups))).toEqual({
      parents: 5,
      teachers: 2,
      others: 0,
    });
  });
});

describe("results", () => {
  const likert = (counts: number[]) => ({
    Q1: Object.fromEntries(["5", "4", "3", "2", "1"].map((c, i) => [c, counts[i]!])),
  });
  const rows: GroupCounts[] = [
    {
      organisationId: "u",
      groupCode: "parents",
      issued: 40,
      responses: 30,
      likert: likert([10, 8, 6, 4, 2]),
    },
    {
      organisationId: "u",
      groupCode: "teachers",
      issued: 20,
      responses: 12,
      likert: likert([5, 5, 1, 1, 0]),
    },
    { organisationId: "u", groupCode: "others", issued: 10, responses: 3, likert: likert([0, 1, 0, 1, 1]) },
  ];

  it("counts valid responses, the satisfaction rate, the mean and the quotas per unit and group", () => {
    const result = surveyUnitResult(definition, "u", 600, rows);
    // 45 of 70 issued: 64.2857…% → 64.29
    expect(result).toMatchObject({
      issued: 70,
      responses: 45,
      validRate: "64.29",
      belowMinRate: true,
      belowSampleSize: true,
    });
    // Q1 over the unit: levels 5..1 = 15, 14, 7, 6, 3 (45); satisfied 15+14+7 = 36 → 80.00%;
    // points 75+56+21+12+3 = 167 → 167/45 = 3.7111… → 3.71
    const q1 = result.questions[0]!;
    expect(q1).toMatchObject({ valid: 45, satisfiedCount: 36, rate: "80.00", mean: "3.71" });
    expect(q1.counts.map((c) => c.count)).toEqual([15, 14, 7, 6, 3]);
    // 家长 30/45 = 66.67% ≥ 50%; 教师 12/45 = 26.67% ≥ 20%
    const [parents, teachers, others] = result.groups;
    expect(parents).toMatchObject({ responses: 30, share: "66.67", minShare: "50.00", quotaMet: true });
    // 家长 Q1: 24 of 30 satisfied = 80.00%; (50+32+18+8+2)/30 = 110/30 = 3.666… → 3.67
    expect(parents!.questions[0]).toMatchObject({ valid: 30, rate: "80.00", mean: "3.67" });
    expect(teachers).toMatchObject({ share: "26.67", quotaMet: true });
    // 社会人士: 1 of 3 satisfied = 33.333…% → 33.33; (4+2+1)/3 = 2.333… → 2.33
    expect(others!.questions[0]).toMatchObject({ rate: "33.33", mean: "2.33" });
    expect(result.quotasMet).toBe(true);
  });

  it("rounds half up and misses a quota short by a fraction", () => {
    // 7 responses, 家长 3: 3 < 0.5 × 7 = 3.5, so the quota is missed; 3/7 = 42.857…% → 42.86
    const small = surveyUnitResult(definition, "u", 5, [
      { organisationId: "u", groupCode: "parents", issued: 8, responses: 3, likert: likert([1, 0, 0, 0, 0]) },
      { organisationId: "u", groupCode: "others", issued: 0, responses: 4, likert: {} },
    ]);
    expect(small.groups[0]).toMatchObject({ share: "42.86", quotaMet: false });
    expect(small.quotasMet).toBe(false);
    // 7 of 8 issued = 87.5% ≥ 80%, and 7 ≥ the sample of 5
    expect(small).toMatchObject({ validRate: "87.50", belowMinRate: false, belowSampleSize: false });
    // 2 of 3 satisfied: 66.666…% → 66.67 (half-up at the third decimal 6)
    const q = surveyUnitResult(definition, "u", 1, [
      { organisationId: "u", groupCode: "parents", issued: 3, responses: 3, likert: likert([1, 0, 1, 1, 0]) },
    ]).questions[0]!;
    expect(q.rate).toBe("66.67");
    // (5 + 3 + 2) / 3 = 3.333… → 3.33
    expect(q.mean).toBe("3.33");
    const tiny = surveyUnitResult(definition, "u", 1, [
      {
        organisationId: "u",
        groupCode: "parents",
        issued: 800,
        responses: 800,
        likert: likert([1, 0, 0, 0, 799]),
      },
    ]).questions[0]!;
    // 1/800 = 0.125% → 0.13 (half-up; banker's rounding would give 0.12); mean (5 + 799)/800 = 1.005 → 1.01
    expect(tiny.rate).toBe("0.13");
    expect(tiny.mean).toBe("1.01");
  });

  it("has no rate without answers and flags nothing issued", () => {
    const empty = surveyUnitResult(definition, "u", 600, []);
    expect(empty).toMatchObject({ issued: 0, responses: 0, validRate: null, belowMinRate: false });
    expect(empty.questions[0]).toMatchObject({ valid: 0, rate: null, mean: null });
    expect(empty.groups[0]!.quotaMet).toBe(false);
    expect(empty.groups[2]!.quotaMet).toBe(true); // no quota
  });

  it("gives the key question's counts as the indicator's answers", () => {
    expect(indicatorAnswers(definition, rows)).toEqual({ "5": 15, "4": 14, "3": 7, "2": 6, "1": 3 });
  });
});

describe("answers", () => {
  it("accepts a complete response and names each question at fault", () => {
    expect(checkAnswers(definition, { Q1: "4", Q2: ["a", "b"] })).toEqual([]);
    expect(checkAnswers(definition, { Q1: "9", Q2: ["a", "c"], Q9: "x" })).toEqual([
      { question: "Q9", message: "no such question" },
      { question: "Q1", message: "choose one of 5, 4, 3, 2, 1" },
      { question: "Q2", message: "no option c" },
    ]);
    expect(checkAnswers(definition, { Q2: [] })).toEqual([
      { question: "Q1", message: "this question must be answered" },
      { question: "Q2", message: "this question must be answered" },
    ]);
  });
});

describe("definition", () => {
  it("refuses quotas over 100% and a key question that is not a Likert item", () => {
    const bad = SurveyDefinition.safeParse({
      ...definition,
      groups: [
        { code: "a", name: "家长", minShare: "0.7" },
        { code: "b", name: "教师", minShare: "0.4" },
      ],
      keyQuestion: "Q2",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["groups", "keyQuestion"]);
  });
});

describe("indicator link", () => {
  const s3 = {
    measure: "rate" as const,
    answers: [
      { code: "satisfied", name: "满意", satisfied: true, points: null },
      { code: "fairly", name: "比较满意", satisfied: true, points: null },
      { code: "not-very", name: "不太满意", satisfied: false, points: null },
      { code: "unsatisfied", name: "不满意", satisfied: false, points: null },
    ],
  };

  it("makes the levels from the indicator's answers, which then link without problems", () => {
    const levels = levelsFromIndicator(s3);
    expect(levels.map((l) => [l.code, l.points, l.satisfied])).toEqual([
      ["satisfied", "4", true],
      ["fairly", "3", true],
      ["not-very", "2", false],
      ["unsatisfied", "1", false],
    ]);
    expect(checkIndicatorLink(levels, s3)).toEqual([]);
  });

  it("names the level that differs", () => {
    const levels = levelsFromIndicator(s3).map((l) => (l.code === "fairly" ? { ...l, satisfied: false } : l));
    expect(checkIndicatorLink(levels, s3)).toEqual([
      { level: "fairly", message: "比较满意 counts as satisfied in the indicator" },
    ]);
    expect(checkIndicatorLink(DEFAULT_LIKERT_LEVELS, s3).map((p) => p.level)).toEqual([
      "satisfied",
      "fairly",
      "not-very",
      "unsatisfied",
      "5",
      "4",
      "3",
      "2",
      "1",
    ]);
    const mean = { measure: "mean" as const, answers: s3.answers.map((a, i) => ({ ...a, points: 4 - i })) };
    const shifted = levelsFromIndicator(mean).map((l, i) => (i === 0 ? { ...l, points: "5" } : l));
    expect(checkIndicatorLink(shifted, mean)).toEqual([
      { level: "satisfied", message: "满意 has 5 points here and 4 in the indicator" },
    ]);
  });
});
