/**
 * A school's raw base data (基础数据) as the 差异系数 needs it, and the split of a multi-section school into the
 * sections that enter the primary (小学) and junior (初中) calculations.
 */
import type { Problem } from "../errors.js";
import { Decimal } from "../numbers/decimal.js";
import { StatisticsInputError } from "./errors.js";
import { type Quantity, readNonNegative } from "./quantity.js";

export type Section = "primary" | "junior" | "senior";
/** The sections of 义务教育 (compulsory education) that have their own coefficients of variation. */
export type CompulsorySection = "primary" | "junior";
export const COMPULSORY_SECTIONS: readonly CompulsorySection[] = ["primary", "junior"];

export const SECTION_NAMES: Readonly<Record<Section, string>> = {
  primary: "小学",
  junior: "初中",
  senior: "高中",
};

export type SchoolCategory = "primary" | "junior" | "nineYear" | "complete";

export const SCHOOL_CATEGORY_NAMES: Readonly<Record<SchoolCategory, string>> = {
  primary: "小学",
  junior: "初中",
  nineYear: "九年一贯制学校",
  complete: "完全中学",
};

/**
 * The sections each category has, with the weight of one student of that section when a school-wide
 * figure is split (折算): 九年一贯制 小学 : 初中 = 1 : 1.1, 完全中学 初中 : 高中 = 1 : 1.2.
 */
export const SECTION_WEIGHTS: Readonly<Record<SchoolCategory, Readonly<Partial<Record<Section, string>>>>> = {
  primary: { primary: "1" },
  junior: { junior: "1" },
  nineYear: { primary: "1", junior: "1.1" },
  complete: { junior: "1", senior: "1.2" },
};

/** Raw school-wide figures from which the indicators are computed. */
export const RESOURCE_FIELD_NAMES = {
  teachingAuxiliaryArea: "教学及辅助用房面积（平方米）",
  sportsArea: "体育运动场馆面积（平方米）",
  equipmentValue: "教学仪器设备值（元）",
  computers: "计算机台数",
  books: "图书册数",
  teachers: "专任教师数",
  teachersAboveQualification: "高于规定学历教师数",
  intermediateTitleTeachers: "中级及以上专业技术职务教师数",
  backboneTeachers: "县级以上骨干教师数",
  sportsArtTeachers: "体育、艺术（美术、音乐）专任教师数",
  multimediaClassrooms: "网络多媒体教室数",
} as const;
export type ResourceField = keyof typeof RESOURCE_FIELD_NAMES;

export interface SchoolRecord {
  /** The school's code, unique within the county. */
  code: string;
  name: string;
  category: SchoolCategory;
  /** 在校学生数 per section; exactly the sections of the category, each a whole number above 0. */
  students: Partial<Record<Section, Quantity>>;
  /**
   * School-wide figures. Each rule requires the fields its indicators read; the others may be left out.
   * Money is in 元, areas in square metres.
   */
  resources: Partial<Record<ResourceField, Quantity>>;
}

/** One section of one school as it enters a section's coefficient of variation. */
export interface SchoolSection {
  schoolCode: string;
  schoolName: string;
  category: SchoolCategory;
  section: Section;
  students: Decimal;
  /** The part of each school-wide figure attributed to this section (the whole figure for one-section schools). */
  resources: Partial<Record<ResourceField, Decimal>>;
}

/**
 * Validates the schools and splits each into its sections. A school-wide figure R of a school whose sections
 * have n₁, n₂ students and weights w₁, w₂ goes to section k in proportion nₖwₖ : R × nₖwₖ / Σ nᵢwᵢ.
 * Throws StatisticsInputError listing every problem, each naming the school and the field.
 */
export function splitIntoSections(
  schools: readonly SchoolRecord[],
  requiredFields: readonly ResourceField[],
): SchoolSection[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const valid: Array<{
    school: SchoolRecord;
    students: Map<Section, Decimal>;
    figures: Map<ResourceField, Decimal>;
  }> = [];
  schools.forEach((school, index) => {
    const unit = school.code || `#${index + 1}`;
    const before = problems.length;
    if (!school.code) problems.push({ unit, path: "code", message: "is required" });
    else if (seen.has(school.code)) {
      problems.push({ unit, path: "code", message: "is used by more than one school" });
    }
    seen.add(school.code);
    const weights = SECTION_WEIGHTS[school.category];
    if (!weights) {
      const allowed = Object.keys(SECTION_WEIGHTS).join(", ");
      problems.push({ unit, path: "category", message: `must be one of ${allowed}, got ${school.category}` });
      return;
    }
    const students = readStudents(school, unit, weights, problems);
    const figures = new Map<ResourceField, Decimal>();
    for (const field of requiredFields) {
      const figure = readNonNegative(school.resources[field], unit, `resources.${field}`, problems);
      if (figure) figures.set(field, figure);
    }
    if (problems.length === before) valid.push({ school, students, figures });
  });
  if (problems.length > 0) throw new StatisticsInputError(problems);

  return valid.flatMap(({ school, students, figures }) => {
    const weights = SECTION_WEIGHTS[school.category];
    const weighted = [...students].map(([section, n]) => ({
      section,
      n,
      nw: n.times(weights[section] ?? 0),
    }));
    const weightedTotal = Decimal.sum(...weighted.map((w) => w.nw));
    return weighted.map(({ section, n, nw }): SchoolSection => {
      const resources: Partial<Record<ResourceField, Decimal>> = {};
      for (const [field, figure] of figures) resources[field] = figure.times(nw).dividedBy(weightedTotal);
      return {
        schoolCode: school.code,
        schoolName: school.name,
        category: school.category,
        section,
        students: n,
        resources,
      };
    });
  });
}

function readStudents(
  school: SchoolRecord,
  unit: string,
  weights: Partial<Record<Section, string>>,
  problems: Problem[],
): Map<Section, Decimal> {
  const students = new Map<Section, Decimal>();
  const categoryName = SCHOOL_CATEGORY_NAMES[school.category];
  for (const section of Object.keys(SECTION_NAMES) as Section[]) {
    const path = `students.${section}`;
    const given = school.students[section];
    if (weights[section] === undefined) {
      if (given !== undefined && !readNonNegative(given, unit, path, [])?.isZero()) {
        problems.push({ unit, path, message: `a ${categoryName} has no ${SECTION_NAMES[section]} section` });
      }
      continue;
    }
    const n = readNonNegative(given, unit, path, problems);
    if (n === undefined) continue;
    if (n.isZero() || !n.isInteger()) {
      problems.push({ unit, path, message: `must be a whole number greater than 0, got ${n}` });
      continue;
    }
    students.set(section, n);
  }
  return students;
}
