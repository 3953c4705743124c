import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { evaluateUnits } from "../evaluate.js";
import type { UnitInputData } from "../scheme/input.js";
import { parseScheme } from "../scheme/parse-scheme.js";
import type { CompiledScheme } from "../scheme/plan.js";
import {
  type CellValue,
  cellAddress,
  columnLetters,
  type LocatedProblem,
  neutraliseFormula,
} from "./cell.js";
import { type TableLayout, unitTableLayout } from "./columns.js";
import { locateProblems, mergeProblems } from "./locate.js";
import { readPopulationTable } from "./population-table.js";
import { readUnitTable } from "./read-units.js";
import { resultTable } from "./results.js";
import { readSchoolTable } from "./school-table.js";
import { unitRows } from "./write-units.js";

const fixture = fileURLToPath(new URL("../__fixtures__/union-mini.yaml", import.meta.url));
const schemesDir = fileURLToPath(new URL("../../../../schemes/", import.meta.url));

function load(file: string): CompiledScheme {
  const load = parseScheme(readFileSync(file, "utf8"), { file });
  if (!load.ok) throw new Error(`${file} is invalid`);
  return load.scheme;
}

const mini = load(fixture);
const miniUnits: UnitInputData[] = [
  {
    unit: "U1",
    name: "城关镇",
    data: { two_universal_done: true },
    scores: { A: 66.5, B1: { deductions: { b: 1 } }, B3: { checked: ["1", "2", "4"] }, B4: { level: "A" } },
    bonus: { J1: 1.5 },
  },
  {
    unit: "U2",
    name: '=HYPERLINK("x")',
    data: { two_universal_done: false },
    scores: { A: 70, B1: { deductions: {} }, B3: { checked: [] }, B4: "C" },
  },
];

/** A sheet as a file would hold it: a group row, the header row, then the rows. */
function sheet(layout: TableLayout, rows: CellValue[][], name = "被评单位") {
  return {
    name,
    rows: [layout.units.columns.map((c) => c.group), layout.units.columns.map((c) => c.header), ...rows],
  };
}

function ratingsSheet(layout: TableLayout, rows: CellValue[][]) {
  return { name: "评分", rows: [layout.ratings!.columns.map((c) => c.header), ...rows] };
}

const where = (p: LocatedProblem) =>
  `${p.at ? cellAddress(p.at) : "-"}${p.indicator ? ` (${p.indicator})` : ""}: ${p.message}`;

describe("unitTableLayout", () => {
  it("gives each leaf the columns its method needs, headed by the indicator's code", () => {
    const layout = unitTableLayout(mini);
    expect(layout.units.columns.map((c) => c.header)).toEqual([
      "单位代码",
      "单位名称",
      "类别",
      "两个普遍完成",
      "A 重点工作目标（70分）",
      "B1 扣分：未召开党委(组)会议研究工会工作的（5分）",
      "B1 扣分：未解决一定的工作经费的（5分）",
      "B3 主席及成员按规定任免（1.5分）",
      "B3 企业工会主席按规定配备（1.5分）",
      "B3 配备兼职经审干部（1.5分）",
      "B3 女职工委员会主任按规定配备（1.5分）",
      "B4 活动阵地（14分）",
      "J1 重大创新（加分，最高2分）",
      "J2 调研成果（加分，最高2分）",
    ]);
    const byKey = new Map(layout.units.columns.map((c) => [c.key, c]));
    expect(byKey.get("scores.A")!.constraint).toEqual({ type: "decimal", min: 0, max: 70 });
    expect(byKey.get("scores.B1.deductions.a")!.constraint).toEqual({ type: "whole", min: 0, max: 1 });
    expect(byKey.get("scores.B4")!.constraint).toMatchObject({
      type: "choice",
      options: [{ label: "好" }, { label: "较好" }, { label: "一般" }],
    });
    expect(byKey.get("bonus.J1")!.constraint).toEqual({ type: "decimal", min: 0, max: 2, aboveMax: "cap" });
    expect(byKey.get("scores.B4")!.group).toBe("B 共性工作目标（30分）");
    expect(layout.ratings).toBeNull();
  });

  it("adds 不适用 columns, leaves formulas out and makes a ratings sheet for schemes with raters", () => {
    const layout = unitTableLayout(load(`${schemesDir}s04-trade-union/scheme.yaml`));
    const keys = layout.units.columns.map((c) => c.key);
    expect(keys).toContain("scores.B2.na");
    expect(keys).toContain("scores.A4.1.deductions.A4.1.a");
    expect(keys.some((k) => k.startsWith("scores.A1.1"))).toBe(false);
    expect(layout.ratings!.columns.map((c) => c.header)).toEqual(["单位代码", "评分人", "评分组", "总分"]);
    const perOccurrence = layout.units.columns.find((c) => c.key === "scores.A4.1.deductions.A4.1.a")!;
    expect(perOccurrence.header).toBe("A4.1 扣分：每少报送1篇扣0.5分（0.5分/次）");
    expect(perOccurrence.constraint).toEqual({ type: "whole", min: 0, max: null });
  });

  it("asks for the earlier years' grades that history rules need", () => {
    const layout = unitTableLayout(load(`${schemesDir}s08-institution-performance/scheme.yaml`), {
      year: 2024,
    });
    expect(layout.historyYears.length).toBeGreaterThan(0);
    expect(layout.units.columns.at(-1)!.header).toBe(`${2024 - layout.historyYears.length}年等次`);
  });
});

describe("readUnitTable", () => {
  it("reads back the inputs it wrote", () => {
    const layout = unitTableLayout(mini);
    const rows = unitRows(layout, miniUnits);
    const table = readUnitTable(layout, { units: sheet(layout, rows.units) });
    expect(table.problems).toEqual([]);
    expect(table.units).toEqual([
      {
        unit: "U1",
        name: "城关镇",
        data: { two_universal_done: true },
        scores: {
          A: 66.5,
          B1: { deductions: { b: 1 } },
          B3: { checked: ["1", "2", "4"] },
          B4: { level: "A" },
        },
        bonus: { J1: 1.5 },
      },
      {
        unit: "U2",
        name: '=HYPERLINK("x")',
        data: { two_universal_done: false },
        scores: { A: 70, B1: { deductions: {} }, B3: { checked: [] }, B4: { level: "C" } },
      },
    ]);
  });

  it("accepts Chinese and ASCII spellings, full-width digits and keys as headers", () => {
    const layout = unitTableLayout(mini);
    const headers = [
      "unit",
      "scores.A",
      "data.two_universal_done",
      "scores.B1.deductions.a",
      "scores.B1.deductions.b",
      "B3 主席及成员按规定任免（1.5分）",
      "scores.B3.checked.2",
      "scores.B3.checked.3",
      "scores.B3.checked.4",
      "b4 活动阵地 (14分)",
      "备注",
    ];
    const table = readUnitTable(layout, {
      units: {
        name: "S",
        rows: [headers, ["U9", "６０", "Y", 0, null, "√", "×", true, "no", "较好", "anything"]],
      },
    });
    expect(table.problems).toEqual([]);
    expect(table.units[0]).toEqual({
      unit: "U9",
      data: { two_universal_done: true },
      scores: { A: 60, B1: { deductions: {} }, B3: { checked: ["1", "3"] }, B4: { level: "B" } },
    });
  });

  it("reports every unreadable cell where it is, and leaves its value out", () => {
    const layout = unitTableLayout(mini);
    const rows = unitRows(layout, miniUnits);
    const col = (key: string) => layout.units.columns.findIndex((c) => c.key === key);
    rows.units[0]![col("scores.A")] = 71;
    rows.units[0]![col("scores.B1.deductions.a")] = 2;
    rows.units[1]![col("scores.B4")] = "很好";
    rows.units[1]![col("bonus.J2")] = "两分";
    rows.units.push([null, "无代码单位", null, "是"]);
    const table = readUnitTable(layout, { units: sheet(layout, rows.units) });
    expect(table.problems.map(where)).toEqual([
      `被评单位!${columnLetters(col("scores.A") + 1)}3 (A): score 71 is outside 0–70`,
      `被评单位!${columnLetters(col("scores.B1.deductions.a") + 1)}3 (B1): count 2 is outside 0–1`,
      `被评单位!${columnLetters(col("scores.B4") + 1)}4 (B4): "很好" is not one of 好, 较好, 一般`,
      `被评单位!${columnLetters(col("bonus.J2") + 1)}4: bonus "两分" is not a number`,
      "被评单位!A5: 单位代码 is empty: every filled row needs the unit's code",
    ]);
    expect(table.units.map((u) => u.unit)).toEqual(["U1", "U2"]);
    expect(table.units[0]!.scores!.A).toBeUndefined();
  });

  it("finds no header row, unknown and repeated columns", () => {
    const layout = unitTableLayout(mini);
    expect(readUnitTable(layout, { units: { name: "S", rows: [["x"]] } }).problems.map(where)).toEqual([
      'S!A1: no header row: expected a row with the header "单位代码" in the first 10 rows',
    ]);
    const table = readUnitTable(layout, {
      units: {
        name: "S",
        rows: [
          ["单位代码", "A 重点工作", "A 重点工作目标（70分）", "scores.A"],
          ["U1", 1, 2, 3],
        ],
      },
    });
    expect(table.problems.map(where)).toEqual([
      'S!B1: unknown column "A 重点工作": it is not in this scheme\'s template',
      'S!D1: column "A 重点工作目标（70分）" appears twice (also in column C)',
    ]);
  });

  it("puts the engine's problems at the cells the values came from", () => {
    const layout = unitTableLayout(mini);
    const rows = unitRows(layout, miniUnits);
    const col = (key: string) => layout.units.columns.findIndex((c) => c.key === key);
    rows.units[0]![col("scores.A")] = 66.3;
    rows.units[1]![col("scores.B1.deductions.a")] = null;
    rows.units[1]![col("scores.B1.deductions.b")] = null;
    const table = readUnitTable(layout, { units: sheet(layout, rows.units) });
    expect(table.problems).toEqual([]);
    let located: LocatedProblem[] = [];
    try {
      evaluateUnits(mini, table.units);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      located = locateProblems(table, error.problems);
    }
    expect(located.map(where)).toEqual([
      `被评单位!${columnLetters(col("scores.A") + 1)}3 (A): score 66.3 is not a multiple of the step 0.5`,
      `被评单位!${columnLetters(col("scores.B1.deductions.a") + 1)}4 (B1): no input was given`,
    ]);
  });

  it("locates problems of input validation by the unit's index, and merges them with the table's", () => {
    const layout = unitTableLayout(mini);
    const rows = unitRows(layout, [{ ...miniUnits[0]!, unit: "U 1" }]);
    const table = readUnitTable(layout, { units: sheet(layout, rows.units) });
    const engine = locateProblems(table, [{ path: "units[0].unit", message: "bad code" }]);
    expect(engine.map(where)).toEqual(["被评单位!A3: bad code"]);
    const tableProblem: LocatedProblem = { at: { sheet: "被评单位", row: 3, column: 1 }, message: "first" };
    const other: LocatedProblem = { at: { sheet: "被评单位", row: 2, column: 5 }, message: "earlier" };
    expect(mergeProblems([tableProblem], [...engine, other]).map((p) => p.message)).toEqual([
      "earlier",
      "first",
    ]);
  });

  it("reads ratings into their units and locates their problems on the ratings sheet", () => {
    const scheme = load(`${schemesDir}s04-trade-union/scheme.yaml`);
    const layout = unitTableLayout(scheme);
    const units = sheet(layout, [["T01", "城关镇", "TOWN", 60, 58, 54, 420, 400, "否", "否"]]);
    const ratings = ratingsSheet(layout, [
      ["T01", "主席", "县总工会领导", 92],
      ["T01", "副主席", "LD", 101],
      ["T09", "主任", "BS", 90],
      ["T01", null, "BS", 90],
    ]);
    const table = readUnitTable(layout, { units, ratings });
    expect(table.problems.map(where)).toEqual([
      "评分!D3: total 101 is outside 0–100",
      "评分!A4: unit T09 is not on the 被评单位 sheet",
      "评分!B5: 评分人 is empty",
    ]);
    expect(table.units[0]!.ratings).toEqual([{ rater: "主席", group: "LD", total: 92 }]);
    expect(table.units[0]!.category).toBe("TOWN");
    expect(table.units[0]!.data).toMatchObject({ firms_required: 60, serious_accident: false });
    expect(locateProblems(table, [{ unit: "T01", path: "ratings[0].total", message: "x" }])[0]!.at).toEqual({
      sheet: "评分",
      row: 2,
      column: 4,
    });
  });

  it("marks a leaf 不适用 and refuses a score beside it", () => {
    const scheme = load(`${schemesDir}s04-trade-union/scheme.yaml`);
    const layout = unitTableLayout(scheme);
    const headers = [
      "单位代码",
      "B2 扣分：未召开联席会议的扣5分（5分）",
      "B2 工会与政府联席会议制度：不适用",
    ];
    const table = readUnitTable(layout, {
      units: { name: "S", rows: [headers, ["D1", null, "是"], ["D2", 1, "是"]] },
    });
    expect(table.units.map((u) => u.scores)).toEqual([{ B2: { na: true } }, { B2: { na: true } }]);
    expect(table.problems.map(where)).toEqual([
      'S!B3 (B2): the indicator is marked 不适用 in "B2 工会与政府联席会议制度：不适用", so leave this cell empty',
    ]);
  });
});

describe("ratings with scope leaf", () => {
  it("gives raters the leaf columns and reads their sheets back", () => {
    const text = `${readFileSync(fixture, "utf8")}
raters:
  scope: leaf
  groups:
    - { code: LD, name: 领导, weight: 0.6 }
    - { code: QZ, name: 群众代表, weight: 0.4 }
`;
    const load = parseScheme(text);
    if (!load.ok) throw new Error("the scheme with raters does not load");
    const scheme = load.scheme;
    const layout = unitTableLayout(scheme);
    expect(layout.ratings!.columns.map((c) => c.key)).toEqual([
      "unit",
      "rater",
      "group",
      "scores.A",
      "scores.B1.deductions.a",
      "scores.B1.deductions.b",
      "scores.B3.checked.1",
      "scores.B3.checked.2",
      "scores.B3.checked.3",
      "scores.B3.checked.4",
      "scores.B4",
    ]);
    const leafSheet = {
      A: 60,
      B1: { deductions: { a: 1 } },
      B3: { checked: ["1", "2"] },
      B4: { level: "B" },
    };
    const units: UnitInputData[] = [
      {
        unit: "U1",
        data: { two_universal_done: true },
        ratings: [
          { rater: "甲", group: "LD", scores: leafSheet },
          { rater: "乙", group: "QZ", scores: { ...leafSheet, A: 55.5, B4: { level: "A" } } },
        ],
      },
    ];
    const rows = unitRows(layout, units);
    const table = readUnitTable(layout, {
      units: sheet(layout, rows.units),
      ratings: ratingsSheet(layout, rows.ratings),
    });
    expect(table.problems).toEqual([]);
    expect(table.units[0]!.ratings).toEqual(units[0]!.ratings);
    expect(evaluateUnits(scheme, table.units).units).toEqual(evaluateUnits(scheme, units).units);
  });
});

describe("round trip of the bundled schemes: inputs → rows → inputs give the same results", () => {
  const folders = readdirSync(schemesDir).filter((d) => /^s\d\d-/.test(d));
  for (const folder of folders) {
    it(folder, () => {
      let scheme: CompiledScheme;
      let units: UnitInputData[];
      try {
        scheme = load(`${schemesDir}${folder}/scheme.yaml`);
        units = JSON.parse(readFileSync(`${schemesDir}${folder}/units.json`, "utf8")) as UnitInputData[];
      } catch {
        // Schemes are being written alongside; one that does not load yet has nothing to round-trip.
        return;
      }
      const years = units.flatMap((u) => (u.history ?? []).map((h) => Number(h.year)));
      const year = years.length > 0 ? Math.max(...years) + 1 : undefined;
      const layout = unitTableLayout(scheme, { year });
      const rows = unitRows(layout, units);
      const table = readUnitTable(layout, {
        units: sheet(layout, rows.units),
        ratings: layout.ratings ? ratingsSheet(layout, rows.ratings) : undefined,
      });
      expect(table.problems).toEqual([]);
      const direct = evaluateUnits(scheme, units, { year }).units;
      const viaTable = evaluateUnits(scheme, table.units, { year }).units;
      expect(viaTable).toEqual(direct);
    });
  }
});

describe("resultTable", () => {
  it("lists units in ranking order with published values and every indicator's score", () => {
    const evaluation = evaluateUnits(mini, miniUnits);
    const table = resultTable(mini, evaluation.units);
    expect(table.columns.slice(0, 11).map((c) => c.header)).toEqual([
      "名次",
      "单位代码",
      "单位名称",
      "类别",
      "总分",
      "实得分",
      "得分率（%）",
      "加分",
      "等次",
      "否决项",
      "A 重点工作目标（70分）",
    ]);
    expect(table.rows[0]!.slice(0, 11)).toEqual([
      1,
      "U1",
      "城关镇",
      null,
      "91.50",
      "90.00",
      "90.00",
      "1.50",
      "先进单位",
      null,
      "66.50",
    ]);
    expect(table.rows[1]![9]).toBe("两个普遍未完成");
    expect(table.columns[4]!.places).toBe(2);
  });
});

describe("neutraliseFormula", () => {
  it("quotes text a spreadsheet would run, and nothing else", () => {
    expect(["=1+1", "+7", "-2", "@SUM(A1)", "\tx", "正常", "a=b", ""].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+7",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      "正常",
      "a=b",
      "",
    ]);
  });
});

describe("readSchoolTable", () => {
  it("reads schools by Chinese headers and locates bad figures", () => {
    const table = readSchoolTable({
      name: "学校",
      rows: [
        ["学校代码", "学校名称", "学校类别", "小学在校生数", "初中在校生数", "图书册数"],
        ["P1", "一小", "小学", 300, null, 6000],
        ["N1", "九年制", "九年一贯制", "200", 100, "多"],
        [null, "无代码", "初中", 1, 2, 3],
      ],
    });
    expect(table.schools).toEqual([
      {
        code: "P1",
        name: "一小",
        category: "primary",
        students: { primary: 300 },
        resources: { books: 6000 },
      },
    ]);
    expect(table.problems.map(where)).toEqual([
      '学校!F3: 图书册数 "多" is not a number',
      "学校!A4: 学校代码 is empty",
    ]);
    expect(
      locateProblems({ units: [{ unit: "P1" }], sources: table.sources }, [
        { unit: "P1", path: "resources.books", message: "m" },
      ])[0]!.at,
    ).toEqual({ sheet: "学校", row: 2, column: 6 });
  });
});

describe("readPopulationTable", () => {
  it("reads codes and fields, turning numbers written as text into numbers", () => {
    const table = readPopulationTable({
      name: "",
      rows: [
        [],
        ["学校代码", "乡镇", "学生数", "编号"],
        ["J1", "东湖乡", "120", "007"],
        ["J2", "西山镇", 80, null],
        [null, "x"],
      ],
    });
    expect(table.population).toEqual([
      { code: "J1", 乡镇: "东湖乡", 学生数: 120, 编号: "007" },
      { code: "J2", 乡镇: "西山镇", 学生数: 80 },
    ]);
    expect(table.problems.map(where)).toEqual(["A5: the code is empty: every filled row needs one"]);
    expect(
      locateProblems(
        table.population.map((r) => ({ unit: r.code })).length
          ? { units: table.population.map((r) => ({ unit: r.code })), sources: table.sources }
          : { units: [], sources: [] },
        [{ path: "population[1].乡镇", message: "m" }],
        "population",
      )[0]!.at,
    ).toEqual({ sheet: "", row: 4, column: 2 });
  });

  it("needs a code column", () => {
    expect(readPopulationTable({ name: "P", rows: [["名称"], ["x"]] }).problems.map(where)).toEqual([
      "P!A1: no code column: the header row needs one of 单位代码, 学校代码, 代码, code",
    ]);
  });
});
