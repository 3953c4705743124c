/**
 * 优质均衡 (2017, 《县域义务教育优质均衡发展督导评估办法》 第六条): seven resource indicators with a minimum
 * standard per school — each school meets at least 6 and reaches 85% of the standard on the rest — and every
 * indicator's 差异系数 at most 0.50 for 小学 and 0.45 for 初中.
 */
import type { Problem } from "../errors.js";
import { Decimal } from "../numbers/decimal.js";
import { StatisticsInputError } from "./errors.js";
import {
  indicatorValue,
  QUALITY_BALANCE_INDICATORS,
  type QualityBalanceIndicatorCode,
} from "./indicators.js";
import { type Quantity, readNonNegative } from "./quantity.js";
import {
  COMPULSORY_SECTIONS,
  type CompulsorySection,
  type SchoolRecord,
  type SchoolSection,
  splitIntoSections,
} from "./school-record.js";
import { type IndicatorCv, sectionCvs } from "./section-cv.js";

export const QUALITY_BALANCE_CV_THRESHOLDS: Readonly<Record<CompulsorySection, string>> = {
  primary: "0.50",
  junior: "0.45",
};

/** How many of the seven standards a school must meet, and the share of a standard every other one must reach. */
export const QUALITY_BALANCE_MINIMUM_MET = 6;
export const QUALITY_BALANCE_NEAR_SHARE = "0.85";

export type QualityStandards = Record<CompulsorySection, Record<QualityBalanceIndicatorCode, Quantity>>;

/** The per-school minimums of 第六条 (2017), in the indicators' units (per student or per hundred students). */
export const DEFAULT_QUALITY_STANDARDS: Readonly<QualityStandards> = {
  primary: {
    qualifiedTeachersPer100Students: "4.2",
    backboneTeachersPer100Students: "1",
    sportsArtTeachersPer100Students: "0.9",
    teachingAreaPerStudent: "4.5",
    sportsAreaPerStudent: "7.5",
    equipmentValuePerStudent: "2000",
    multimediaClassroomsPer100Students: "2.3",
  },
  junior: {
    qualifiedTeachersPer100Students: "5.3",
    backboneTeachersPer100Students: "1",
    sportsArtTeachersPer100Students: "0.9",
    teachingAreaPerStudent: "5.8",
    sportsAreaPerStudent: "10.2",
    equipmentValuePerStudent: "2500",
    multimediaClassroomsPer100Students: "2.4",
  },
};

/** met: value ≥ standard; near: 85% of the standard ≤ value < standard; below: under 85% of the standard. */
export type StandardStatus = "met" | "near" | "below";

export interface StandardCheck {
  indicator: QualityBalanceIndicatorCode;
  name: string;
  /** The section's value, unrounded. */
  value: Decimal;
  standard: Decimal;
  status: StandardStatus;
}

export interface SchoolStandards {
  schoolCode: string;
  schoolName: string;
  section: CompulsorySection;
  checks: StandardCheck[];
  metCount: number;
  /** The checks that are not met (near or below): what the school must improve. */
  shortfalls: StandardCheck[];
  passed: boolean;
}

export interface QualityIndicatorCv extends IndicatorCv {
  indicator: QualityBalanceIndicatorCode;
  threshold: Decimal;
  /** cvRounded ≤ threshold. */
  passed: boolean;
}

export interface QualityBalanceSection {
  section: CompulsorySection;
  indicators: QualityIndicatorCv[];
  cvPassed: boolean;
  schools: SchoolStandards[];
  /** The schools that fail the per-school standard rule. */
  failingSchools: SchoolStandards[];
  standardsPassed: boolean;
  passed: boolean;
}

export interface QualityBalanceResult {
  rule: "quality-balance-2017";
  sections: QualityBalanceSection[];
  passed: boolean;
}

export interface QualityBalanceOptions {
  /** Overrides of the default standards, e.g. a province's higher ones; unnamed ones keep their default. */
  standards?: Partial<Record<CompulsorySection, Partial<Record<QualityBalanceIndicatorCode, Quantity>>>>;
  /** The sections to evaluate; both by default. Each needs at least two schools. */
  sections?: readonly CompulsorySection[];
}

export function evaluateQualityBalance(
  schools: readonly SchoolRecord[],
  options: QualityBalanceOptions = {},
): QualityBalanceResult {
  const evaluated = options.sections ?? COMPULSORY_SECTIONS;
  const standards = readStandards(options.standards ?? {}, evaluated);
  const split = splitIntoSections(
    schools,
    QUALITY_BALANCE_INDICATORS.map((i) => i.numerator),
  );
  const sections = evaluated.map((section): QualityBalanceSection => {
    const threshold = new Decimal(QUALITY_BALANCE_CV_THRESHOLDS[section]);
    const indicators = sectionCvs(split, section, QUALITY_BALANCE_INDICATORS).map((cv) => ({
      ...cv,
      threshold,
      passed: cv.cvRounded.lte(threshold),
    }));
    const schoolChecks = split
      .filter((s) => s.section === section)
      .map((s) => checkStandards(s, section, standards.get(section)!));
    const failingSchools = schoolChecks.filter((s) => !s.passed);
    const cvPassed = indicators.every((i) => i.passed);
    const standardsPassed = failingSchools.length === 0;
    return {
      section,
      indicators,
      cvPassed,
      schools: schoolChecks,
      failingSchools,
      standardsPassed,
      passed: cvPassed && standardsPassed,
    };
  });
  return { rule: "quality-balance-2017", sections, passed: sections.every((s) => s.passed) };
}

function readStandards(
  overrides: NonNullable<QualityBalanceOptions["standards"]>,
  sections: readonly CompulsorySection[],
): Map<CompulsorySection, Record<QualityBalanceIndicatorCode, Decimal>> {
  const problems: Problem[] = [];
  const standards = new Map<CompulsorySection, Record<QualityBalanceIndicatorCode, Decimal>>();
  for (const section of sections) {
    const values = {} as Record<QualityBalanceIndicatorCode, Decimal>;
    for (const { code } of QUALITY_BALANCE_INDICATORS) {
      const path = `standards.${section}.${code}`;
      const given = overrides[section]?.[code] ?? DEFAULT_QUALITY_STANDARDS[section][code];
      const value = readNonNegative(given, undefined, path, problems);
      if (value?.isZero()) problems.push({ path, message: "must be greater than 0" });
      if (value) values[code] = value;
    }
    standards.set(section, values);
  }
  if (problems.length > 0) throw new StatisticsInputError(problems);
  return standards;
}

function checkStandards(
  school: SchoolSection,
  section: CompulsorySection,
  standards: Record<QualityBalanceIndicatorCode, Decimal>,
): SchoolStandards {
  const near = new Decimal(QUALITY_BALANCE_NEAR_SHARE);
  const checks = QUALITY_BALANCE_INDICATORS.map((definition): StandardCheck => {
    const value = indicatorValue(definition, school);
    const standard = standards[definition.code];
    const status: StandardStatus = value.gte(standard)
      ? "met"
      : value.gte(standard.times(near))
        ? "near"
        : "below";
    return { indicator: definition.code, name: definition.name, value, standard, status };
  });
  const metCount = checks.filter((c) => c.status === "met").length;
  const shortfalls = checks.filter((c) => c.status !== "met");
  return {
    schoolCode: school.schoolCode,
    schoolName: school.schoolName,
    section,
    checks,
    metCount,
    shortfalls,
    passed: metCount >= QUALITY_BALANCE_MINIMUM_MET && shortfalls.every((c) => c.status === "near"),
  };
}
