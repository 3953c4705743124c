/**
 * Between the builder's form and the survey definition: the form edits options as lines and quotas and rates as
 * percentages; codes are given by position (Q1, Q2 …; a, b …), except Likert levels and groups, which keep theirs
 * (a key question's levels must keep the indicator's answer codes).
 */
import { DEFAULT_LEVELS, type LikertLevel, type SurveyDefinition } from "./survey-types.js";

export interface QuestionForm {
  type: "single" | "multiple" | "likert" | "text";
  text: string;
  required: boolean;
  options?: string;
  levels?: LikertLevel[];
}

export interface SurveyForm {
  title: string;
  intro: string;
  questions: QuestionForm[];
  groups: Array<{ code?: string; name: string; minSharePercent: number }>;
  minimum: number;
  perMille: number;
  /** The scheme's base-data field giving each unit's population; null: typed per unit (逐个单位填写). */
  populationField: string | null;
  minValidRatePercent: number;
  indicatorCode: string | null;
  /** Index of the key question. */
  keyQuestion: number | null;
  units: Array<{ organisationId: string; label: string; included: boolean; population: number | null }>;
}

const optionCode = (i: number) => (i < 26 ? String.fromCharCode(97 + i) : `o${i + 1}`);
/** Percent ↔ share without binary fractions creeping in (55 → "0.55"). */
const share = (percent: number) => String(Math.round(percent * 100) / 10_000);
const percent = (value: string | number) => Math.round(Number(value) * 1_000_000) / 10_000;

export function toDefinition(form: SurveyForm): SurveyDefinition {
  return {
    title: form.title,
    intro: form.intro ?? "",
    questions: form.questions.map((q, i) => {
      const code = `Q${i + 1}`;
      if (q.type === "likert")
        return {
          code,
          type: "likert",
          text: q.text,
          required: q.required,
          levels: (q.levels ?? DEFAULT_LEVELS).map((l, j) => ({
            ...l,
            code: l.code || `L${j + 1}`,
            points: String(l.points),
          })),
        };
      if (q.type === "text") return { code, type: "text", text: q.text, required: q.required };
      const lines = (q.options ?? "")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "");
      return {
        code,
        type: q.type,
        text: q.text,
        required: q.required,
        options: lines.map((text, j) => ({ code: optionCode(j), text })),
      };
    }),
    groups: form.groups.map((g, i) => ({
      code: g.code || `G${i + 1}`,
      name: g.name,
      minShare: share(g.minSharePercent ?? 0),
    })),
    sample: {
      minimum: form.minimum,
      perMille: String(form.perMille),
      populationField: form.populationField ?? null,
    },
    minValidRate: share(form.minValidRatePercent),
    keyQuestion: form.indicatorCode === null || form.keyQuestion === null ? null : `Q${form.keyQuestion + 1}`,
    indicatorCode: form.keyQuestion === null ? null : form.indicatorCode,
  };
}

/** The units the survey is for; a typed population only when no field gives it, so none lingers unseen. */
export function surveyUnits(form: SurveyForm): Array<{ organisationId: string; population: number | null }> {
  const typed = (form.populationField ?? null) === null;
  return form.units
    .filter((u) => u.included)
    .map((u) => ({ organisationId: u.organisationId, population: typed ? (u.population ?? null) : null }));
}

export function toForm(definition: SurveyDefinition, units: SurveyForm["units"]): SurveyForm {
  const key = definition.questions.findIndex((q) => q.code === definition.keyQuestion);
  return {
    title: definition.title,
    intro: definition.intro,
    questions: definition.questions.map((q) => ({
      type: q.type,
      text: q.text,
      required: q.required,
      ...(q.type === "likert" ? { levels: q.levels } : {}),
      ...(q.type === "single" || q.type === "multiple"
        ? { options: q.options.map((o) => o.text).join("\n") }
        : {}),
    })),
    groups: definition.groups.map((g) => ({
      code: g.code,
      name: g.name,
      minSharePercent: percent(g.minShare),
    })),
    minimum: definition.sample.minimum,
    perMille: Number(definition.sample.perMille),
    populationField: definition.sample.populationField,
    minValidRatePercent: percent(definition.minValidRate),
    indicatorCode: definition.indicatorCode,
    keyQuestion: key >= 0 ? key : null,
    units,
  };
}

/** A new survey: a five-level overall question, 家长/教师/社会人士 with 家长 at least 50%, the default sample rule. */
export function newSurveyForm(units: SurveyForm["units"]): SurveyForm {
  return {
    title: "满意度调查",
    intro: "",
    questions: [
      { type: "likert", text: "您对本单位工作总体是否满意？", required: true, levels: DEFAULT_LEVELS },
    ],
    groups: [
      { code: "parents", name: "家长", minSharePercent: 50 },
      { code: "teachers", name: "教师", minSharePercent: 0 },
      { code: "public", name: "社会人士", minSharePercent: 0 },
    ],
    minimum: 600,
    perMille: 1.5,
    populationField: null,
    minValidRatePercent: 80,
    indicatorCode: null,
    keyQuestion: null,
    units,
  };
}
