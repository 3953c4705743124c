/** Fixtures of the dashboard's unit tests: the Chinese `t` and S4's published run as the API gives it. */
import { translate } from "../../i18n/dictionary.js";
import type { Translate } from "./chart-option.js";
import type { RankedFigures } from "./ranking.js";

export const zhT: Translate = (key, params) => translate("zh", key, params);

/** S4's final results (src/__tests__/s4-campaign.test.ts of the server): code, total, grade name, rank. */
const S4: Array<[string, string, string, number]> = [
  ["T01", "94.85", "优秀单位", 1],
  ["D01", "92.00", "优秀单位", 2],
  ["T02", "90.85", "先进单位", 3],
  ["T05", "89.31", "未达标", 4],
  ["D07", "88.42", "先进单位", 5],
  ["D02", "88.05", "先进单位", 6],
  ["T03", "87.55", "达标单位", 7],
  ["T04", "85.23", "达标单位", 8],
  ["D03", "83.28", "达标单位", 9],
  ["K01", "82.23", "未达标", 10],
  ["T07", "81.00", "未达标", 11],
  ["T06", "80.00", "达标单位", 12],
  ["D04", "79.23", "未达标", 13],
  ["D05", "75.23", "未达标", 14],
];

export const s4Ranking: RankedFigures[] = S4.map(([unit, total, gradeName, rank]) => ({
  unit,
  name: `${unit}工会`,
  rank,
  total,
  grade: gradeName,
  gradeName,
}));
