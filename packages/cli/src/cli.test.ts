import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type CellValue,
  columnLetters,
  evaluateBasicBalance,
  evaluateUnits,
  parseScheme,
  readSchoolTable,
  type UnitInputData,
  unitRows,
  unitTableLayout,
} from "@kaoping/core";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { runDemo } from "./demo-tour.js";
import { formatCsv, parseCsv } from "./files/csv.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "kaoping-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FIXTURE = join(root, "packages/core/src/__fixtures__/union-mini.yaml");
const S04 = join(root, "schemes/s04-trade-union");
const SCHOOLS = join(root, "packages/cli/examples/schools.csv");

async function run(...args: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: work });
  return { code, out, err };
}

function loadScheme(file: string) {
  const load = parseScheme(readFileSync(file, "utf8"), { file });
  if (!load.ok) throw new Error(`${file} does not load`);
  return load.scheme;
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

const MINI_UNITS: UnitInputData[] = [
  {
    unit: "U1",
    name: "城关镇",
    data: { two_universal_done: true },
    scores: { A: 66.5, B1: { deductions: { b: 1 } }, B3: { checked: ["1", "2", "4"] }, B4: "A" },
    bonus: { J1: 1.5 },
  },
  {
    unit: "U2",
    name: "=cmd|' /C calc'!A0",
    data: { two_universal_done: false },
    scores: { A: 70, B1: { deductions: {} }, B3: { checked: [] }, B4: "C" },
  },
  {
    unit: "U3",
    name: "石桥镇",
    data: { two_universal_done: true },
    scores: { A: 60, B1: { deductions: {} }, B3: { checked: ["1", "2", "3", "4"] }, B4: "B" },
  },
];

/** Writes the template, fills it with exceljs as a person would, and saves it as `data`. */
async function filledTemplate(
  schemeFile: string,
  units: UnitInputData[],
  data: string,
  edit?: (sheet: ExcelJS.Worksheet) => void,
) {
  const template = join(work, `template-${data}`);
  const made = await run("template", "--scheme", schemeFile, "--out", template);
  expect(made.code).toBe(0);
  const layout = unitTableLayout(loadScheme(schemeFile));
  const rows = unitRows(layout, units);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(template);
  const fill = (name: string, values: CellValue[][]) => {
    const sheet = workbook.getWorksheet(name)!;
    values.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== null) sheet.getCell(r + 3, c + 1).value = value;
      });
    });
    return sheet;
  };
  const unitsSheet = fill("被评单位", rows.units);
  if (layout.ratings) fill("评分", rows.ratings);
  edit?.(unitsSheet);
  await workbook.xlsx.writeFile(join(work, data));
  return layout;
}

describe("kaoping --help", () => {
  it.each(["validate", "template", "score", "explain", "cv", "draw"])("describes %s", async (command) => {
    const result = await run(command, "--help");
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Usage: kaoping ${command}`);
    expect(result.out).toContain("Example");
  });

  it("lists the commands and the exit codes", async () => {
    const result = await run("--help");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/validate[\s\S]*template[\s\S]*score[\s\S]*explain[\s\S]*cv[\s\S]*draw/);
    expect(result.out).toContain("Exit codes: 0 success, 1 bad input");
  });

  it("treats a missing command, an unknown one or a missing option as usage errors (exit 2)", async () => {
    expect((await run()).code).toBe(2);
    const unknown = await run("grade");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown command 'grade'");
    const missing = await run("score", "--scheme", FIXTURE);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("required option '--data <file>' not specified");
    const type = await run("score", "--scheme", FIXTURE, "--data", "units.xls");
    expect(type).toMatchObject({ code: 2 });
    expect(type.err).toContain('units.xls: unsupported file type ".xls"; use .xlsx, .csv, .json');
    expect((await run("score", "--scheme", FIXTURE, "--data", "x.json", "--year", "24")).code).toBe(2);
  });
});

describe("internal errors", () => {
  it("reports a bug with its stack and exit code 70, unlike bad input", async () => {
    let err = "";
    const io = {
      out: () => {
        throw new Error("the terminal went away");
      },
      err: (t: string) => (err += t),
      cwd: work,
    };
    expect(await runCli(["validate", FIXTURE], io)).toBe(70);
    expect(err).toContain("kaoping: internal error: this is a bug in Kaoping");
    expect(err).toMatch(/Error: the terminal went away\n\s+at /);
  });

  it("prints the version", async () => {
    const result = await run("--version");
    expect(result).toEqual({ code: 0, out: "0.1.0\n", err: "" });
  });
});

describe("kaoping validate", () => {
  it("summarises a valid scheme", async () => {
    const result = await run("validate", join(S04, "scheme.yaml"));
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(result.out).toBe("✓ 全县工会工作创优争先年度考评 2011: 19 indicators (13 leaves), max 100\n");
  });

  it("lists every problem at its line and column, with the indicator", async () => {
    const text = readFileSync(FIXTURE, "utf8").replace(
      "name: 活动阵地",
      "name: 活动阵地\n        colour: red",
    );
    writeFileSync(join(work, "bad.yaml"), text);
    const result = await run("validate", "bad.yaml");
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    const lines = result.err.trim().split("\n");
    expect(lines).toEqual(['bad.yaml:36:9  [B4]  unknown field "colour"']);
    noStack(result.err);
  });

  it("reports the whole scheme's problem when the sum of maxima is wrong", async () => {
    writeFileSync(join(work, "sum.yaml"), readFileSync(FIXTURE, "utf8").replace("max: 30", "max: 31"));
    const result = await run("validate", "sum.yaml");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /^sum\.yaml:\d+:\d+ {2}\[B\] {2}the children's maxima add up to 30\.00, but B's max is 31\.00\n$/,
    );
  });

  it("names a missing file", async () => {
    const result = await run("validate", "nowhere.yaml");
    expect(result).toEqual({ code: 1, out: "", err: "nowhere.yaml: cannot read the file: no such file\n" });
  });
});

describe("kaoping template → fill in Excel → kaoping score", () => {
  it("scores the filled fixture template as the engine scores the inputs", async () => {
    await filledTemplate(FIXTURE, MINI_UNITS, "mini.xlsx");
    const result = await run(
      "score",
      "--scheme",
      FIXTURE,
      "--data",
      "mini.xlsx",
      "--out",
      "mini-results.json",
    );
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    const expected = evaluateUnits(loadScheme(FIXTURE), MINI_UNITS).units;
    const written = JSON.parse(readFileSync(join(work, "mini-results.json"), "utf8")) as { units: unknown[] };
    expect(written.units).toEqual(expected);
    expect(result.out).toContain("工会考评（测试） 1: 3 units");
    expect(result.out).toMatch(/名次\s+单位代码\s+单位名称\s+总分\s+等次\s+否决/);
    for (const unit of expected) expect(result.out).toContain(unit.total);
  });

  it("scores the bundled trade-union scheme with its ratings sheet", async () => {
    const units = JSON.parse(readFileSync(join(S04, "units.json"), "utf8")) as UnitInputData[];
    await filledTemplate(join(S04, "scheme.yaml"), units, "s04.xlsx");
    const result = await run(
      "score",
      "--scheme",
      join(S04, "scheme.yaml"),
      "--data",
      "s04.xlsx",
      "--out",
      "s04.csv",
    );
    expect(result.code).toBe(0);
    const expected = evaluateUnits(loadScheme(join(S04, "scheme.yaml")), units).units;
    const csv = parseCsv(readFileSync(join(work, "s04.csv"), "utf8"), "s04.csv");
    expect(csv[0]!.slice(0, 6)).toEqual(["名次", "单位代码", "单位名称", "类别", "总分", "实得分"]);
    expect(csv.slice(1).map((row) => [row[1], row[4]])).toEqual(expected.map((u) => [u.unit, u.total]));
  });

  it("shows each bad cell with its sheet, cell and indicator, and scores nothing", async () => {
    const layout = await filledTemplate(FIXTURE, MINI_UNITS, "bad.xlsx", (sheet) => {
      sheet.getCell("E3").value = 71;
      sheet.getCell("L4").value = "很好";
    });
    expect(layout.units.columns[4]!.key).toBe("scores.A");
    const result = await run("score", "--scheme", FIXTURE, "--data", "bad.xlsx");
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err).toBe(
      [
        "bad.xlsx 被评单位!E3 (A): score 71 is outside 0–70",
        `bad.xlsx 被评单位!${columnLetters(12)}4 (B4): "很好" is not one of 好, 较好, 一般`,
        "2 problems in bad.xlsx; nothing was scored.",
        "",
      ].join("\n"),
    );
  });

  it("reads the units sheet as CSV and writes results as Excel with formula text neutralised", async () => {
    const layout = unitTableLayout(loadScheme(FIXTURE));
    const rows = unitRows(layout, MINI_UNITS);
    writeFileSync(
      join(work, "mini.csv"),
      formatCsv([layout.units.columns.map((c) => c.header), ...rows.units]),
    );
    const result = await run(
      "score",
      "--scheme",
      FIXTURE,
      "--data",
      "mini.csv",
      "--out",
      "mini.xlsx.out.xlsx",
    );
    expect(result.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(work, "mini.xlsx.out.xlsx"));
    const sheet = workbook.getWorksheet("结果")!;
    expect(sheet.getCell("B1").value).toBe("单位代码");
    const names = [2, 3, 4].map((r) => sheet.getCell(r, 3).value);
    expect(names).toContain("'=cmd|' /C calc'!A0");
    expect(typeof sheet.getCell("E2").value).toBe("number");
    expect(sheet.getCell("E2").numFmt).toBe("0.00");
  });

  it("locates a bad CSV cell without a sheet name", async () => {
    writeFileSync(join(work, "one.csv"), "单位代码,A 重点工作目标（70分）\r\nU1,abc\r\n");
    const result = await run("score", "--scheme", FIXTURE, "--data", "one.csv");
    expect(result.code).toBe(1);
    expect(result.err).toContain('one.csv B2 (A): score "abc" is not a number\n');
    expect(result.err).toContain("one.csv A2 (B1): no input was given\n");
  });

  it("reports JSON input problems by path", async () => {
    writeFileSync(
      join(work, "units.json"),
      JSON.stringify([{ ...MINI_UNITS[0], scores: { ...MINI_UNITS[0]!.scores, A: 80 } }]),
    );
    const result = await run("score", "--scheme", FIXTURE, "--data", "units.json");
    expect(result.code).toBe(1);
    expect(result.err).toContain("units.json units[0].scores.A (A): score 80 is outside 0–70");
    writeFileSync(join(work, "broken.json"), "[{");
    const broken = await run("score", "--scheme", FIXTURE, "--data", "broken.json");
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^broken\.json: not valid JSON: /);
    noStack(broken.err);
  });

  it("refuses a file that is not a workbook", async () => {
    writeFileSync(join(work, "fake.xlsx"), "not a zip");
    const result = await run("score", "--scheme", FIXTURE, "--data", "fake.xlsx");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^fake\.xlsx: not an Excel workbook \(\.xlsx\) that can be read/);
    noStack(result.err);
  });
});

describe("kaoping template", () => {
  it("writes the instructions, units, ratings and hidden lists sheets with validation and frozen headers", async () => {
    const result = await run("template", "--scheme", join(S04, "scheme.yaml"), "--out", "s04-template.xlsx");
    expect(result.code).toBe(0);
    expect(result.out).toContain("被评单位: 30 columns");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(work, "s04-template.xlsx"));
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ["说明", "visible"],
      ["被评单位", "visible"],
      ["评分", "visible"],
      ["选项", "hidden"],
    ]);
    const units = workbook.getWorksheet("被评单位")!;
    expect(units.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 2 });
    expect(units.getCell("A2").value).toBe("单位代码");
    expect(units.getCell("A2").protection?.locked).not.toBe(false);
    expect(units.getCell("A2").font?.bold).toBe(true);
    const headers = (units.getRow(2).values as unknown[]).slice(1);
    expect(headers).toContain("A2.2 厂务公开民主管理与劳动争议调处（6分）");
    expect(headers).toContain("B2 工会与政府联席会议制度：不适用");
    const a22 = headers.indexOf("A2.2 厂务公开民主管理与劳动争议调处（6分）") + 1;
    expect(units.getCell(3, a22).dataValidation).toMatchObject({ type: "decimal", formulae: [0, 6] });
    expect(units.getColumn(a22).style.protection?.locked).toBe(false);
    expect(workbook.getWorksheet("评分")!.getCell("C3").dataValidation).toMatchObject({ type: "list" });
  });

  it("only writes .xlsx", async () => {
    const result = await run("template", "--scheme", FIXTURE, "--out", "t.csv");
    expect(result.code).toBe(2);
  });
});

describe("kaoping explain", () => {
  const args = ["explain", "--scheme", join(S04, "scheme.yaml"), "--data", join(S04, "units.json"), "--unit"];

  it("explains a unit in Chinese and in English", async () => {
    const zh = await run(...args, "D07");
    expect(zh.code).toBe(0);
    expect(zh.out).toContain("县农业农村局工会工作委员会（D07）");
    expect(zh.out).toContain("总分 88.42 分");
    const en = await run(...args, "D07", "--lang", "en");
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/total|Total/);
  });

  it("names the units when the code is unknown, and refuses an unknown language", async () => {
    const unknown = await run(...args, "X9");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no unit with code X9 \(the units are T01, /);
    expect((await run(...args, "D07", "--lang", "fr")).code).toBe(2);
  });
});

describe("kaoping cv", () => {
  it("prints each indicator's CV, the thresholds and the composite, as the statistics compute them", async () => {
    const result = await run("cv", "--data", SCHOOLS);
    expect(result.code).toBe(0);
    const table = readSchoolTable({ name: "", rows: parseCsv(readFileSync(SCHOOLS, "utf8"), "schools.csv") });
    const expected = evaluateBasicBalance(table.schools);
    for (const section of expected.sections) {
      expect(result.out).toContain(
        `综合差异系数                         ${section.compositeRounded.toFixed(3)}  ≤ ${section.threshold.toFixed(2)}`,
      );
      for (const indicator of section.indicators)
        expect(result.out).toContain(indicator.cvRounded.toFixed(3));
    }
  });

  it("applies the 2017 rule to one section", async () => {
    const result = await run("cv", "--data", SCHOOLS, "--rule", "2017", "--section", "junior");
    expect(result.code).toBe(0);
    expect(result.out).toContain("优质均衡（2017）");
    expect(result.out).not.toContain("小学：");
    expect(result.out).toContain("≤ 0.45");
  });

  it("locates school data problems at their cells", async () => {
    writeFileSync(
      join(work, "few.csv"),
      "学校代码,学校名称,学校类别,小学在校生数,图书册数\r\nP1,一小,小学,0,10\r\nP2,二小,小学,100,\r\n",
    );
    const result = await run("cv", "--data", "few.csv", "--section", "primary");
    expect(result.code).toBe(1);
    expect(result.err).toContain("few.csv D2: must be a whole number greater than 0, got 0");
    expect(result.err).toContain("few.csv E3: is required");
    noStack(result.err);
  });
});

describe("kaoping draw", () => {
  it("draws reproducibly, records the draw and verifies it", async () => {
    const draw = [
      "draw",
      "--population",
      SCHOOLS,
      "--seed",
      "2024-05-20",
      "--fraction",
      "1/3",
      "--by",
      "乡镇",
    ];
    const first = await run(...draw, "--out", "draw.json");
    const second = await run(...draw);
    expect(first.code).toBe(0);
    expect(second.out).toBe(first.out.slice(0, second.out.length));
    const record = JSON.parse(readFileSync(join(work, "draw.json"), "utf8")) as { selected: string[] };
    expect(record.selected).toHaveLength(5);
    const verified = await run("draw", "--verify", "draw.json", "--population", SCHOOLS);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^✓ draw\.json matches .*the same 5 of 12 units/);
  });

  it("fails verification when the population changed", async () => {
    await run("draw", "--population", SCHOOLS, "--seed", "s", "--fraction", "0.5", "--out", "d2.json");
    writeFileSync(
      join(work, "changed.csv"),
      readFileSync(SCHOOLS, "utf8").replace("东湖乡柳村小学", "东湖乡柳村完小"),
    );
    const result = await run("draw", "--verify", "d2.json", "--population", "changed.csv");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^✗ d2\.json does not match changed\.csv: populationChanged: /);
  });

  it("needs a seed and a fraction, and checks them as usage", async () => {
    expect((await run("draw", "--population", SCHOOLS)).code).toBe(2);
    const bad = await run("draw", "--population", SCHOOLS, "--seed", "s", "--fraction", "3/2");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("argument '3/2' is invalid");
  });

  it("locates population problems", async () => {
    writeFileSync(join(work, "dup.csv"), "code,town\r\nA,x\r\nA,y\r\n");
    const result = await run("draw", "--population", "dup.csv", "--seed", "s", "--fraction", "1/2");
    expect(result.code).toBe(1);
    expect(result.err).toContain("dup.csv A3: duplicates population[0]: codes must be unique");
    writeFileSync(join(work, "record.json"), "{}");
    const record = await run("draw", "--verify", "record.json", "--population", "dup.csv");
    expect(record.code).toBe(1);
    expect(record.err).toContain("record.json: not a draw record written by kaoping draw");
  });
});

describe("csv", () => {
  it("reads quoted fields, doubled quotes, line breaks in quotes, CRLF and a byte-order mark", () => {
    expect(parseCsv('\uFEFFa,"b ""c""",d\r\n"x\ny",,z\n', "f.csv")).toEqual([
      ["a", 'b "c"', "d"],
      ["x\ny", "", "z"],
    ]);
  });

  it("reports malformed quoting with its line", () => {
    expect(() => parseCsv('a,b\nc,d"e\n', "f.csv")).toThrow("f.csv:2: a quote inside an unquoted field");
    expect(() => parseCsv('a,"b\n', "f.csv")).toThrow("f.csv:1: a quoted field is never closed");
    expect(() => parseCsv('"a"b\n', "f.csv")).toThrow("f.csv:1: text after a closing quote");
  });

  it("writes what it reads, neutralising formulas", () => {
    const text = formatCsv([
      ["名称", "总分"],
      ['含"引号",逗号', 85.5],
      ["=1+1", null],
    ]);
    expect(text).toBe('\uFEFF名称,总分\r\n"含""引号"",逗号",85.5\r\n\'=1+1,\r\n');
    expect(parseCsv(text, "f.csv")).toEqual([
      ["名称", "总分"],
      ['含"引号",逗号', "85.5"],
      ["'=1+1", ""],
    ]);
  });
});

describe("the demo", () => {
  it("evaluates the bundled trade-union scheme and explains a unit", () => {
    let out = "";
    runDemo({ out: (t) => (out += t), err: () => {}, cwd: root }, root);
    expect(out).toContain("schemes/s04-trade-union/scheme.yaml");
    expect(out).toContain("全县工会工作创优争先年度考评");
    expect(out).toMatch(/1 {2}T01 .* 94\.85 {2}优秀单位/);
    expect(out).toContain("得分说明");
    expect(out).toContain("npm run kaoping -- score");
  });

  it("falls back to the fixture when the bundled schemes are not there", () => {
    let out = "";
    const fake = mkdtempSync(join(tmpdir(), "kaoping-root-"));
    const fixtureDir = join(fake, "packages/core/src/__fixtures__");
    mkdirSync(fixtureDir, { recursive: true });
    writeFileSync(join(fixtureDir, "union-mini.yaml"), readFileSync(FIXTURE));
    runDemo({ out: (t) => (out += t), err: () => {}, cwd: fake }, fake);
    rmSync(fake, { recursive: true, force: true });
    expect(out).toContain("工会考评（测试）");
    expect(out).toContain("3 units");
  });
});
