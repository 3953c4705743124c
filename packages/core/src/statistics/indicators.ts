/**
 * The resource indicators (资源配置指标) whose 差异系数 measure balance between a county's schools. Each is a
 * school-wide figure divided by the section's students, per student or per hundred students.
 */
import type { Decimal } from "../numbers/decimal.js";
import type { ResourceField, SchoolSection } from "./school-record.js";

export interface IndicatorDefinition {
  code: string;
  /** The name used in the Ministry's documents. */
  name: string;
  numerator: ResourceField;
  /** 1 for 生均 (per student), 100 for 每百名学生. */
  perStudents: 1 | 100;
}

function indicator<const Code extends string>(
  code: Code,
  name: string,
  numerator: ResourceField,
  perStudents: 1 | 100 = 1,
) {
  return { code, name, numerator, perStudents } satisfies IndicatorDefinition;
}

/** The eight indicators of 《县域义务教育均衡发展督导评估暂行办法》 (2012, 基本均衡). */
export const BASIC_BALANCE_INDICATORS = [
  indicator("teachingAreaPerStudent", "生均教学及辅助用房面积", "teachingAuxiliaryArea"),
  indicator("sportsAreaPerStudent", "生均体育运动场馆面积", "sportsArea"),
  indicator("equipmentValuePerStudent", "生均教学仪器设备值", "equipmentValue"),
  indicator("computersPer100Students", "每百名学生拥有计算机台数", "computers", 100),
  indicator("booksPerStudent", "生均图书册数", "books"),
  indicator("teacherStudentRatio", "师生比", "teachers"),
  indicator("qualifiedTeachersPerStudent", "生均高于规定学历教师数", "teachersAboveQualification"),
  indicator(
    "intermediateTitleTeachersPerStudent",
    "生均中级及以上专业技术职务教师数",
    "intermediateTitleTeachers",
  ),
] as const;
export type BasicBalanceIndicatorCode = (typeof BASIC_BALANCE_INDICATORS)[number]["code"];

/** The seven resource indicators of 《县域义务教育优质均衡发展督导评估办法》 (2017, 优质均衡). */
export const QUALITY_BALANCE_INDICATORS = [
  indicator(
    "qualifiedTeachersPer100Students",
    "每百名学生拥有高于规定学历教师数",
    "teachersAboveQualification",
    100,
  ),
  indicator("backboneTeachersPer100Students", "每百名学生拥有县级以上骨干教师数", "backboneTeachers", 100),
  indicator(
    "sportsArtTeachersPer100Students",
    "每百名学生拥有体育、艺术（美术、音乐）专任教师数",
    "sportsArtTeachers",
    100,
  ),
  indicator("teachingAreaPerStudent", "生均教学及辅助用房面积", "teachingAuxiliaryArea"),
  indicator("sportsAreaPerStudent", "生均体育运动场馆面积", "sportsArea"),
  indicator("equipmentValuePerStudent", "生均教学仪器设备值", "equipmentValue"),
  indicator(
    "multimediaClassroomsPer100Students",
    "每百名学生拥有网络多媒体教室数",
    "multimediaClassrooms",
    100,
  ),
] as const;
export type QualityBalanceIndicatorCode = (typeof QUALITY_BALANCE_INDICATORS)[number]["code"];

/** The section's value of the indicator; the numerator field must have been read for the section. */
export function indicatorValue(definition: IndicatorDefinition, section: SchoolSection): Decimal {
  const figure = section.resources[definition.numerator];
  if (figure === undefined) {
    throw new Error(
      `${definition.numerator} of ${section.schoolCode} was not read before computing ${definition.code}`,
    );
  }
  return figure.times(definition.perStudents).dividedBy(section.students);
}
