/**
 * 满意度调查: a questionnaire attached to a campaign and the units it judges, answered anonymously through one-time
 * links. The definition is what the organiser builds; responses are stored per unit and respondent group.
 */
import { z } from "zod";
import { Code, DecimalValue } from "../scheme/model.js";

/** One level of a Likert item (李克特量表), e.g. 非常满意 with 5 points, counted as satisfied. */
export const LikertLevel = z.strictObject({
  code: Code,
  name: z.string().min(1).max(50),
  /** Points for the mean score (平均分). */
  points: DecimalValue,
  /** Counts towards the satisfaction rate (满意率). */
  satisfied: z.boolean(),
});
export type LikertLevel = z.infer<typeof LikertLevel>;

export const SurveyOption = z.strictObject({ code: Code, text: z.string().min(1).max(200) });

const common = {
  code: Code,
  text: z.string().min(1).max(500),
  required: z.boolean().default(true),
};

export const Question = z.discriminatedUnion("type", [
  /** 单选题 */
  z.strictObject({ ...common, type: z.literal("single"), options: z.array(SurveyOption).min(2).max(30) }),
  /** 多选题 */
  z.strictObject({ ...common, type: z.literal("multiple"), options: z.array(SurveyOption).min(2).max(30) }),
  /** 量表题: five levels by default, labels and points configurable. */
  z.strictObject({ ...common, type: z.literal("likert"), levels: z.array(LikertLevel).min(2).max(10) }),
  /** 填空题 (free text) */
  z.strictObject({
    ...common,
    type: z.literal("text"),
    maxLength: z.number().int().min(1).max(2000).default(500),
  }),
]);
export type Question = z.infer<typeof Question>;
export type QuestionInput = z.input<typeof Question>;

/** 调查对象 (respondent group), e.g. 家长, with its quota: the minimum share of a unit's valid responses. */
export const RespondentGroup = z.strictObject({
  code: Code,
  name: z.string().min(1).max(50),
  /** 0..1; 0.5 means 家长 at least 50% of the unit's valid responses. */
  minShare: DecimalValue.default("0"),
});
export type RespondentGroup = z.infer<typeof RespondentGroup>;

/** 样本量: n = max(minimum, ceil(perMille‰ × population)). */
export const SampleRule = z.strictObject({
  minimum: z.number().int().min(1).max(1_000_000).default(600),
  perMille: DecimalValue.default("1.5"),
  /** The scheme's base-data field holding each unit's population (e.g. 常住人口); null: typed per unit. */
  populationField: Code.nullable().default(null),
});
export type SampleRule = z.infer<typeof SampleRule>;

export const SurveyDefinition = z
  .strictObject({
    title: z.string().min(1).max(200),
    intro: z.string().max(2000).default(""),
    questions: z.array(Question).min(1).max(100),
    groups: z.array(RespondentGroup).min(1).max(20),
    sample: SampleRule.default({ minimum: 600, perMille: "1.5", populationField: null }),
    /** 最低有效回收率: valid responses ÷ tokens issued, 0..1. */
    minValidRate: DecimalValue.default("0.8"),
    /** The Likert question whose answers feed the scheme's satisfaction indicator `indicatorCode`. */
    keyQuestion: Code.nullable().default(null),
    indicatorCode: z.string().min(1).max(64).nullable().default(null),
  })
  .superRefine((s, ctx) => {
    const dup = (codes: string[], path: string) => {
      const seen = new Set<string>();
      for (const [i, code] of codes.entries()) {
        if (seen.has(code))
          ctx.addIssue({ code: "custom", path: [path, i, "code"], message: `code ${code} is used twice` });
        seen.add(code);
      }
    };
    dup(
      s.questions.map((q) => q.code),
      "questions",
    );
    dup(
      s.groups.map((g) => g.code),
      "groups",
    );
    for (const [i, q] of s.questions.entries()) {
      const codes =
        q.type === "likert"
          ? q.levels.map((l) => l.code)
          : q.type === "text"
            ? []
            : q.options.map((o) => o.code);
      if (new Set(codes).size !== codes.length)
        ctx.addIssue({
          code: "custom",
          path: ["questions", i],
          message: `question ${q.code} repeats an answer code`,
        });
    }
    const shares = s.groups.reduce((sum, g) => sum + Number(g.minShare), 0);
    for (const [i, g] of s.groups.entries()) {
      const share = Number(g.minShare);
      if (share < 0 || share > 1)
        ctx.addIssue({
          code: "custom",
          path: ["groups", i, "minShare"],
          message: "a quota is a share between 0 and 1",
        });
    }
    if (shares > 1)
      ctx.addIssue({
        code: "custom",
        path: ["groups"],
        message: "the groups' quotas add up to more than 100%",
      });
    const rate = Number(s.minValidRate);
    if (rate < 0 || rate > 1)
      ctx.addIssue({ code: "custom", path: ["minValidRate"], message: "a rate between 0 and 1" });
    if (Number(s.sample.perMille) < 0)
      ctx.addIssue({ code: "custom", path: ["sample", "perMille"], message: "must not be negative" });
    if ((s.keyQuestion === null) !== (s.indicatorCode === null))
      ctx.addIssue({
        code: "custom",
        path: ["keyQuestion"],
        message: "name both the key question and the indicator it feeds, or neither",
      });
    if (s.keyQuestion !== null && !s.questions.some((q) => q.code === s.keyQuestion && q.type === "likert"))
      ctx.addIssue({
        code: "custom",
        path: ["keyQuestion"],
        message: `${s.keyQuestion} is not a Likert question of this survey`,
      });
  });
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;
export type SurveyDefinitionInput = z.input<typeof SurveyDefinition>;

/** The five levels a new Likert item starts with; 非常满意, 满意 and 基本满意 count as satisfied. */
export const DEFAULT_LIKERT_LEVELS: readonly LikertLevel[] = [
  { code: "5", name: "非常满意", points: "5", satisfied: true },
  { code: "4", name: "满意", points: "4", satisfied: true },
  { code: "3", name: "基本满意", points: "3", satisfied: true },
  { code: "2", name: "不满意", points: "2", satisfied: false },
  { code: "1", name: "非常不满意", points: "1", satisfied: false },
];

/** One respondent's answers: question code → option code (single, likert), option codes (multiple) or text. */
export const SurveyAnswers = z.record(
  z.string().max(64),
  z.union([z.string().max(2000), z.array(z.string().max(64)).max(30)]),
);
export type SurveyAnswers = z.infer<typeof SurveyAnswers>;
