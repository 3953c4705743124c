/**
 * Every string the web app shows, in Chinese (the default) and English. Each area of the app keeps its strings in
 * `messages/<area>.ts`, keys prefixed by the area; `{name}` marks a value filled in by `t()`. Each English table is
 * typed by its Chinese one, so a key missing in either language is a type error (and `dictionary.test.ts` checks
 * the placeholders agree and that no two areas define the same key).
 */
import * as cases from "./messages/cases.js";
import * as common from "./messages/common.js";
import * as dashboard from "./messages/dashboard.js";
import * as documents from "./messages/documents.js";
import * as grading from "./messages/grading.js";
import * as organisations from "./messages/organisations.js";
import * as rectification from "./messages/rectification.js";
import * as reminders from "./messages/reminders.js";
import * as review from "./messages/review.js";
import * as schemes from "./messages/schemes.js";
import * as selfEvaluation from "./messages/self-evaluation.js";
import * as surveys from "./messages/surveys.js";
import * as wizard from "./messages/wizard.js";

/** The areas' tables, in the order they are merged. */
export const areas = {
  common,
  organisations,
  schemes,
  wizard,
  selfEvaluation,
  review,
  grading,
  dashboard,
  documents,
  rectification,
  reminders,
  surveys,
  cases,
};

export const zh = {
  ...common.zh,
  ...organisations.zh,
  ...schemes.zh,
  ...wizard.zh,
  ...selfEvaluation.zh,
  ...review.zh,
  ...grading.zh,
  ...dashboard.zh,
  ...documents.zh,
  ...rectification.zh,
  ...reminders.zh,
  ...surveys.zh,
  ...cases.zh,
};

export type MessageKey = keyof typeof zh;

export const en: Record<MessageKey, string> = {
  ...common.en,
  ...organisations.en,
  ...schemes.en,
  ...wizard.en,
  ...selfEvaluation.en,
  ...review.en,
  ...grading.en,
  ...dashboard.en,
  ...documents.en,
  ...rectification.en,
  ...reminders.en,
  ...surveys.en,
  ...cases.en,
};

export type Language = "zh" | "en";

export const dictionaries: Record<Language, Record<MessageKey, string>> = { zh, en };

/** The message for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(
  lang: Language,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
