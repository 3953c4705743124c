import { Decimal } from "../numbers/decimal.js";
import { StatisticsInputError } from "./errors.js";
import { type IndicatorDefinition, indicatorValue } from "./indicators.js";
import { type CompulsorySection, type SchoolSection, SECTION_NAMES } from "./school-record.js";
import { weightedCoefficientOfVariation } from "./weighted-cv.js";

/** Coefficients of variation are published, and compared with their thresholds, at three decimal places. */
export const CV_PLACES = 3;

export function roundCv(cv: Decimal): Decimal {
  return cv.toDecimalPlaces(CV_PLACES, Decimal.ROUND_HALF_UP);
}

export interface SchoolIndicatorValue {
  schoolCode: string;
  schoolName: string;
  /** The students of this section of the school: its weight Pi. */
  students: Decimal;
  /** Xi, unrounded. */
  value: Decimal;
}

/** One indicator's 差异系数 in one section, with every part of the formula. */
export interface IndicatorCv {
  indicator: string;
  name: string;
  section: CompulsorySection;
  /** CV = S / X̄, unrounded. */
  cv: Decimal;
  /** The CV as published: half-up to CV_PLACES. */
  cvRounded: Decimal;
  /** P = ΣPi. */
  totalStudents: Decimal;
  /** X̄ = ΣPiXi / P. */
  mean: Decimal;
  /** S = √(Σ (Pi/P)(Xi − X̄)²). */
  standardDeviation: Decimal;
  schools: SchoolIndicatorValue[];
}

/** The CV of each indicator over the schools' sections of one compulsory section. */
export function sectionCvs<Code extends string>(
  sections: readonly SchoolSection[],
  section: CompulsorySection,
  indicators: readonly (IndicatorDefinition & { code: Code })[],
): Array<IndicatorCv & { indicator: Code }> {
  const members = sections.filter((s) => s.section === section);
  if (members.length < 2) {
    throw new StatisticsInputError([
      {
        path: section,
        message: `the ${SECTION_NAMES[section]} coefficient of variation needs at least 2 schools, got ${members.length}`,
      },
    ]);
  }
  return indicators.map((definition) => {
    const schools = members.map((m) => ({
      schoolCode: m.schoolCode,
      schoolName: m.schoolName,
      students: m.students,
      value: indicatorValue(definition, m),
    }));
    const result = weightedCoefficientOfVariation(
      schools.map((s) => ({ id: s.schoolCode, value: s.value, weight: s.students })),
      `${section}.${definition.code}`,
    );
    return {
      indicator: definition.code,
      name: definition.name,
      section,
      cv: result.cv,
      cvRounded: roundCv(result.cv),
      totalStudents: result.totalWeight,
      mean: result.mean,
      standardDeviation: result.standardDeviation,
      schools,
    };
  });
}
