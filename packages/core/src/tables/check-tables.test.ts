import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScheme } from "../scheme/parse-scheme.js";
import type { CompiledScheme } from "../scheme/plan.js";
import { checkLeafInput } from "../scoring/check-leaf-input.js";
import { checkTables, tableFields } from "./check-tables.js";

const base = `
code: t
name: 表
version: 1
issuer: 县
indicators:
  - { code: A, name: 甲, max: 10, method: { type: formula, value: enrolled / population, scoring: { type: share } } }
`;

function compile(text: string): CompiledScheme {
  const load = parseScheme(text);
  if (!load.ok) throw new Error(load.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return load.scheme;
}

const scheme = compile(`${base}
fields:
  - { code: population, name: 适龄人口, type: integer, from: { table: T1, row: total, column: population } }
  - { code: enrolled, name: 在校生, type: integer, from: { table: T1, row: total, column: enrolled } }
  - { code: schools_enrolled, name: 各校在校生合计, type: integer, from: { table: T2, column: enrolled } }
tables:
  - code: T1
    name: 人口与入学表
    columns:
      - { code: population, name: 适龄人口, type: integer, min: 0, required: true }
      - { code: enrolled, name: 在校生, type: integer, min: 0 }
      - { code: note, name: 备注, type: text }
    rows:
      - { key: primary, name: 小学 }
      - { key: junior, name: 初中 }
      - { key: total, name: 合计 }
    rules:
      - { code: R1, type: sum, table: T1, total: { row: total }, name: 合计行等于各学段之和 }
      - { code: R3, type: childrenSum, table: T1, rows: [total] }
  - code: T2
    name: 学校明细表
    columns:
      - { code: enrolled, name: 在校生, type: integer }
      - { code: boys, name: 男生, type: integer }
      - { code: girls, name: 女生, type: integer }
    rules:
      - { code: R4, type: sum, table: T2, total: { column: enrolled }, of: [boys, girls] }
      - code: R2
        type: equal
        name: 表表相通
        cells: [{ table: T1, row: total, column: enrolled }, { table: T2, column: enrolled }]
`);

const good = {
  T1: {
    primary: { population: 100, enrolled: 98 },
    junior: { population: 50, enrolled: 49 },
    total: { population: 150, enrolled: 147 },
  },
  T2: { s1: { enrolled: 100, boys: 50, girls: 50 }, s2: { enrolled: 47, boys: 20, girls: 27 } },
};

describe("base-data tables", () => {
  it("accepts consistent tables and feeds fields from cells and column sums", () => {
    expect(checkTables(scheme, good)).toEqual([]);
    expect(tableFields(scheme, good)).toEqual({ population: 150, enrolled: 147, schools_enrolled: 147 });
  });

  it("names the rule and the cell of every violation", () => {
    const tables = structuredClone(good) as typeof good & { T1: Record<string, Record<string, unknown>> };
    tables.T1.total.enrolled = 146;
    (tables.T1.junior as Record<string, unknown>).population = "五十";
    (tables.T1.primary as Record<string, unknown>).population = null;
    tables.T2.s2.girls = 26;
    const violations = checkTables(scheme, tables as never);
    expect(violations.map((v) => [v.rule, v.cell])).toEqual([
      ["required", "T1!primary.population"],
      ["type", "T1!junior.population"],
      ["R1", "T1!total.population"],
      ["R1", "T1!total.enrolled"],
      ["R4", "T2!s2.enrolled"],
      ["R2", "T2!*.enrolled"],
    ]);
    expect(violations[3]!.message).toBe(
      "合计·在校生应等于小学、初中之和 147，实为 146（规则 R1「合计行等于各学段之和」）",
    );
    expect(violations[5]!.message).toContain("表表相通");
  });

  it("checks bounds, integers and unknown rows", () => {
    const violations = checkTables(scheme, {
      T1: { primary: { population: -1, enrolled: 1.5 }, senior: { population: 1 } },
    });
    expect(violations.map((v) => [v.rule, v.cell])).toEqual(
      expect.arrayContaining([
        ["unknown", "T1!senior.*"],
        ["min", "T1!primary.population"],
        ["type", "T1!primary.enrolled"],
      ]),
    );
  });

  it("checks across levels: the townships' cells sum to the county's", () => {
    const town = (population: number, enrolled: number) => ({
      T1: { total: { population, enrolled } },
    });
    const county = { T1: { total: { population: 150, enrolled: 147 } } };
    const children = [
      { unit: "t1", name: "甲镇", tables: town(100, 98) },
      { unit: "t2", name: "乙镇", tables: town(50, 48) },
    ];
    const violations = checkTables(scheme, county, { children }).filter((v) => v.rule === "R3");
    expect(violations).toEqual([
      {
        rule: "R3",
        table: "T1",
        row: "total",
        column: "enrolled",
        cell: "T1!total.enrolled",
        message: "人口与入学表合计·在校生为 147，应等于下级单位（甲镇、乙镇）之和 146（规则 R3）",
      },
    ]);
    const missing = checkTables(scheme, county, { children: [...children, { unit: "t3", tables: {} }] });
    expect(missing.filter((v) => v.rule === "R3").map((v) => v.cell)).toContain("T1");
    expect(checkTables(scheme, county).filter((v) => v.rule === "R3")).toEqual([]);
  });

  it("refuses rules and fields naming what does not exist", () => {
    const load = parseScheme(`${base}
fields:
  - { code: population, name: 人口, type: integer, from: { table: T9, column: x } }
  - { code: enrolled, name: 在校, type: integer }
tables:
  - code: T1
    name: 表一
    columns: [{ code: a, name: 甲 }, { code: t, name: 文字, type: text }]
    rows: [{ key: r1, name: 行 }]
    rules:
      - { code: R1, type: sum, table: T1, total: { row: nope } }
      - { code: R1, type: childrenSum, table: T1, columns: [t] }
`);
    expect(load.ok).toBe(false);
    if (load.ok) return;
    expect(load.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "fields[0].from.table: unknown table T9",
      "tables[0].rules[0].total: table T1 has no row nope",
      "tables[0].rules[1].code: table rule code R1 is used twice",
      "tables[0].rules[1].columns[0]: column t is text; only numbers can be summed",
    ]);
  });

  it("the S2 scheme's tables hold its base data", () => {
    const s2 = compile(
      readFileSync(
        new URL("../../../../schemes/s02-county-education-supervision/scheme.yaml", import.meta.url),
        "utf8",
      ),
    );
    expect([...s2.tables.keys()]).toEqual(["T1", "T2", "T3"]);
    const fields = tableFields(s2, {
      T3: {
        primary: { building_area: 100, d_danger_area: 1 },
        junior: { building_area: 50, d_danger_area: 2 },
        total: { building_area: 150, d_danger_area: 3 },
      },
    });
    expect(fields).toEqual({ building_area: 150, d_danger_area: 3 });
  });
});

describe("checkLeafInput", () => {
  const s2 = compile(
    readFileSync(
      new URL("../../../../schemes/s02-county-education-supervision/scheme.yaml", import.meta.url),
      "utf8",
    ),
  );
  it("accepts valid inputs and names what is wrong", () => {
    expect(checkLeafInput(s2, "B1.1", { score: 4.5 })).toEqual([]);
    expect(checkLeafInput(s2, "B6.1", { deductions: { stalls: 2 } })).toEqual([]);
    expect(checkLeafInput(s2, "B1.1", { score: 4.3 })[0]!.message).toContain("step");
    expect(checkLeafInput(s2, "B6.1", { deductions: { nope: 1 } })[0]!.message).toBe(
      "unknown deduction rule nope",
    );
    expect(checkLeafInput(s2, "B1.2", { checked: "office" })[0]!.path).toBe("checked");
    expect(checkLeafInput(s2, "B3.1", { score: 4 })[0]!.message).toContain("computed from data");
    expect(checkLeafInput(s2, "B3.1", { note: "见附表" })).toEqual([]);
    expect(checkLeafInput(s2, "B1", 5)[0]!.message).toContain("not a leaf");
  });
});
