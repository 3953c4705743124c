/**
 * 基本均衡 (2012, 《县域义务教育均衡发展督导评估暂行办法》): the county's 综合差异系数 — the mean of the eight
 * indicators' CVs — must be at most 0.65 for 小学 and 0.55 for 初中.
 */
import { Decimal } from "../numbers/decimal.js";
import { BASIC_BALANCE_INDICATORS, type BasicBalanceIndicatorCode } from "./indicators.js";
import {
  COMPULSORY_SECTIONS,
  type CompulsorySection,
  type SchoolRecord,
  splitIntoSections,
} from "./school-record.js";
import { type IndicatorCv, roundCv, sectionCvs } from "./section-cv.js";

export const BASIC_BALANCE_THRESHOLDS: Readonly<Record<CompulsorySection, string>> = {
  primary: "0.65",
  junior: "0.55",
};

export interface BasicBalanceSection {
  section: CompulsorySection;
  indicators: Array<IndicatorCv & { indicator: BasicBalanceIndicatorCode }>;
  /** 综合差异系数: the mean of the unrounded CVs, itself unrounded. */
  composite: Decimal;
  /** The composite half-up to three places; this is the figure compared with the threshold. */
  compositeRounded: Decimal;
  threshold: Decimal;
  passed: boolean;
}

export interface BasicBalanceResult {
  rule: "basic-balance-2012";
  sections: BasicBalanceSection[];
  /** Every evaluated section passed. */
  passed: boolean;
}

export interface BasicBalanceOptions {
  /** The sections to evaluate; both by default. Each needs at least two schools. */
  sections?: readonly CompulsorySection[];
}

export function evaluateBasicBalance(
  schools: readonly SchoolRecord[],
  options: BasicBalanceOptions = {},
): BasicBalanceResult {
  const split = splitIntoSections(
    schools,
    BASIC_BALANCE_INDICATORS.map((i) => i.numerator),
  );
  const sections = (options.sections ?? COMPULSORY_SECTIONS).map((section): BasicBalanceSection => {
    const indicators = sectionCvs(split, section, BASIC_BALANCE_INDICATORS);
    const composite = Decimal.sum(...indicators.map((i) => i.cv)).dividedBy(indicators.length);
    const compositeRounded = roundCv(composite);
    const threshold = new Decimal(BASIC_BALANCE_THRESHOLDS[section]);
    return {
      section,
      indicators,
      composite,
      compositeRounded,
      threshold,
      passed: compositeRounded.lte(threshold),
    };
  });
  return { rule: "basic-balance-2012", sections, passed: sections.every((s) => s.passed) };
}
