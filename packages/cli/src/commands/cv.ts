/** `kaoping cv`: the 差异系数 of 县域义务教育均衡发展 from a county's school data. */
import {
  type CompulsorySection,
  evaluateBasicBalance,
  evaluateQualityBalance,
  type LocatedProblem,
  locateProblems,
  type Problem,
  readSchoolTable,
  type SchoolRecord,
  SECTION_NAMES,
  StatisticsInputError,
} from "@kaoping/core";
import { type Command, Option } from "commander";
import { CliInputError } from "../errors.js";
import { type InputFile, inputFile } from "../files/input-file.js";
import { locatedLine, pathLine, problemCount } from "../files/located.js";
import { objectRecords, readTableInput } from "../files/table-file.js";
import type { CliIo } from "../io.js";
import { textTable } from "../text/text-table.js";

type Rule = "2012" | "2017";

interface Schools {
  schools: SchoolRecord[];
  /** Where a problem reported by school code and field is. */
  locate(problems: readonly Problem[]): string[];
}

const NOT_COMPUTED = "nothing was computed";

/** JSON schools are passed on as they are (the statistics check every field); only their shape is checked here. */
function jsonSchools(file: InputFile, list: unknown[]): Schools {
  const records = objectRecords(file, "schools", list);
  const schools = records.map(
    (r): SchoolRecord => ({
      ...(r as unknown as SchoolRecord),
      students:
        typeof r.students === "object" && r.students !== null ? (r.students as SchoolRecord["students"]) : {},
      resources:
        typeof r.resources === "object" && r.resources !== null
          ? (r.resources as SchoolRecord["resources"])
          : {},
    }),
  );
  return {
    schools,
    locate: (problems) =>
      problems.map((p) => {
        const index = schools.findIndex((s, i) => s.code === p.unit || `#${i + 1}` === p.unit);
        return pathLine(file.name, index < 0 ? p.path : `schools[${index}].${p.path}`, undefined, p.message);
      }),
  };
}

async function readSchools(file: InputFile): Promise<Schools> {
  const input = await readTableInput(file, "schools");
  if (input.kind === "json") return jsonSchools(file, input.list);
  const table = readSchoolTable(input.sheet);
  if (table.problems.length > 0) {
    throw new CliInputError([
      ...table.problems.map((p) => locatedLine(file.name, p)),
      problemCount(table.problems.length, file.name, NOT_COMPUTED),
    ]);
  }
  const rows = { units: table.schools.map((s) => ({ unit: s.code })), sources: table.sources };
  return {
    schools: table.schools,
    locate: (problems) =>
      locateProblems(rows, problems).map((p: LocatedProblem) => locatedLine(file.name, p)),
  };
}

const passText = (passed: boolean) => (passed ? "达标" : "未达标");

function basicBalanceLines(schools: SchoolRecord[], sections: CompulsorySection[]): string[] {
  const result = evaluateBasicBalance(schools, { sections });
  const lines = [`差异系数 — 县域义务教育基本均衡（2012）：${schools.length} 所学校`];
  for (const section of result.sections) {
    lines.push("", `${SECTION_NAMES[section.section]}：${section.indicators[0]!.schools.length} 所（校区）`);
    const rows = section.indicators.map((i) => [i.name, i.cvRounded.toFixed(3), "", ""]);
    rows.push([
      "综合差异系数",
      section.compositeRounded.toFixed(3),
      `≤ ${section.threshold.toFixed(2)}`,
      passText(section.passed),
    ]);
    lines.push(...indent(textTable(cvColumns, rows)));
  }
  lines.push("", `结论：${passText(result.passed)}`);
  return lines;
}

function qualityBalanceLines(schools: SchoolRecord[], sections: CompulsorySection[]): string[] {
  const result = evaluateQualityBalance(schools, { sections });
  const lines = [`差异系数 — 县域义务教育优质均衡（2017）：${schools.length} 所学校`];
  for (const section of result.sections) {
    lines.push("", `${SECTION_NAMES[section.section]}：${section.schools.length} 所（校区）`);
    const rows = section.indicators.map((i) => [
      i.name,
      i.cvRounded.toFixed(3),
      `≤ ${i.threshold.toFixed(2)}`,
      passText(i.passed),
    ]);
    lines.push(...indent(textTable(cvColumns, rows)));
    lines.push(
      `  差异系数：${passText(section.cvPassed)}；学校达到标准（至少 6 项达标、其余不低于 85%）：${section.schools.length - section.failingSchools.length}/${section.schools.length} 所${section.standardsPassed ? "" : "，未达到："}`,
    );
    for (const school of section.failingSchools) {
      const shortfalls = school.shortfalls.map(
        (c) =>
          `${c.name} ${c.value.toSignificantDigits(4).toString()}/${c.standard.toString()}${c.status === "below" ? "（低于85%）" : ""}`,
      );
      lines.push(`    ${school.schoolCode} ${school.schoolName}：${shortfalls.join("；")}`);
    }
  }
  lines.push("", `结论：${passText(result.passed)}`);
  return lines;
}

const cvColumns = [
  { header: "指标" },
  { header: "差异系数", align: "right" as const },
  { header: "标准" },
  { header: "结果" },
];

const indent = (lines: string[]) => lines.map((line) => `  ${line}`);

export function registerCv(program: Command, io: CliIo): void {
  program
    .command("cv")
    .description("compute the 差异系数 (coefficients of variation) of 县域义务教育均衡发展 from school data")
    .requiredOption(
      "--data <file>",
      "the schools: .xlsx or .csv with 学校代码, 学校名称, 学校类别, … columns, or SchoolRecord[] .json",
    )
    .addOption(new Option("--section <section>", "only one section (学段)").choices(["primary", "junior"]))
    .addOption(
      new Option("--rule <year>", "2012 基本均衡 (composite ≤ 0.65/0.55) or 2017 优质均衡 (each ≤ 0.50/0.45)")
        .choices(["2012", "2017"])
        .default("2012"),
    )
    .addHelpText(
      "after",
      "\nColumns: 学校代码, 学校名称, 学校类别 (小学/初中/九年一贯制学校/完全中学), 小学在校生数, 初中在校生数,\n高中在校生数, and the resources: 教学及辅助用房面积（平方米）, 体育运动场馆面积（平方米）, 教学仪器设备值（元）,\n计算机台数, 图书册数, 专任教师数, 高于规定学历教师数, 中级及以上专业技术职务教师数, and for 2017 县级以上骨干教师数,\n体育、艺术（美术、音乐）专任教师数, 网络多媒体教室数.\n\nExample:\n  kaoping cv --data packages/cli/examples/schools.csv --rule 2017 --section junior",
    )
    .action(async (options: { data: string; section?: CompulsorySection; rule: Rule }) => {
      const file = inputFile(io, options.data);
      const { schools, locate } = await readSchools(file);
      const sections: CompulsorySection[] = options.section ? [options.section] : ["primary", "junior"];
      try {
        const lines =
          options.rule === "2012"
            ? basicBalanceLines(schools, sections)
            : qualityBalanceLines(schools, sections);
        io.out(`${lines.join("\n")}\n`);
      } catch (error) {
        if (!(error instanceof StatisticsInputError)) throw error;
        const lines = locate(error.problems);
        throw new CliInputError([...lines, problemCount(lines.length, file.name, NOT_COMPUTED)]);
      }
    });
}
