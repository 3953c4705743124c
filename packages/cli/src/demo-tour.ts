/**
 * The guided demo behind `npm run demo:cli`: a real evaluation of a bundled scheme (S4, the county trade union's annual
 * appraisal, or the small union fixture when S4 is not there), its ranking, one unit's explanation, and how to
 * run the same with the CLI.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import {
  type CompiledScheme,
  displayWidth,
  evaluateUnits,
  explainUnit,
  formatShort,
  parseScheme,
  renderExplanation,
  type UnitInputData,
} from "@kaoping/core";
import type { CliIo } from "./io.js";
import { rankingLines } from "./text/ranking.js";

interface DemoCase {
  schemeFile: string;
  dataFile: string | null;
  scheme: CompiledScheme;
  units: UnitInputData[];
}

/** Units for the fixture, which has no data file: three town unions with different stories. */
const FIXTURE_UNITS: UnitInputData[] = [
  {
    unit: "T01",
    name: "城关镇工会",
    data: { two_universal_done: true },
    scores: { A: 66, B1: { deductions: {} }, B3: { checked: ["1", "2", "3", "4"] }, B4: "A" },
    bonus: { J1: 1.5 },
  },
  {
    unit: "T02",
    name: "石桥镇工会",
    data: { two_universal_done: true },
    scores: { A: 60.5, B1: { deductions: { b: 1 } }, B3: { checked: ["1", "2", "4"] }, B4: "B" },
  },
  {
    unit: "T03",
    name: "龙泉乡工会",
    data: { two_universal_done: false },
    scores: { A: 65, B1: { deductions: {} }, B3: { checked: ["1", "2", "3"] }, B4: "A" },
  },
];

function loadCase(root: string): DemoCase {
  const s04 = join(root, "schemes", "s04-trade-union");
  const schemeFile = join(s04, "scheme.yaml");
  const dataFile = join(s04, "units.json");
  if (existsSync(schemeFile) && existsSync(dataFile)) {
    const load = parseScheme(readFileSync(schemeFile, "utf8"), { file: schemeFile });
    if (load.ok) {
      const units = JSON.parse(readFileSync(dataFile, "utf8")) as UnitInputData[];
      return { schemeFile, dataFile, scheme: load.scheme, units };
    }
  }
  const fixture = join(root, "packages", "core", "src", "__fixtures__", "union-mini.yaml");
  const load = parseScheme(readFileSync(fixture, "utf8"), { file: fixture });
  if (!load.ok) throw new Error(`the demo scheme ${fixture} does not load`);
  return { schemeFile: fixture, dataFile: null, scheme: load.scheme, units: FIXTURE_UNITS };
}

/** A county's school data shipped with the CLI for the 差异系数 and the draw. */
const SCHOOLS = "packages/cli/examples/schools.csv";

const heading = (text: string) => `\n${text}\n${"=".repeat(displayWidth(text))}\n`;

/** Prints the demo; `root` is the repository, where the bundled schemes are. */
export function runDemo(io: CliIo, root: string): void {
  const demo = loadCase(root);
  const { scheme } = demo;
  const definition = scheme.definition;
  const shown = (file: string) => relative(root, file);
  const out = (...lines: string[]) => io.out(`${lines.join("\n")}\n`);

  out("Kaoping (考评): evaluations of public bodies by indicator systems — a guided demo");
  out(heading("1. The indicator system (指标体系)"));
  out(
    `${shown(demo.schemeFile)}`,
    `  ${definition.name} ${definition.version}, issued by ${definition.issuer}`,
    `  ${scheme.nodes.length - 1} indicators, ${scheme.leaves.length} of them scored, max ${formatShort(scheme.nodes[scheme.root]!.max)} points`,
  );
  if (scheme.raters) {
    const groups = scheme.raters.groups.map((g) => `${g.name} ${formatShort(g.weight * 100)}%`);
    out(`  raters: ${groups.join(", ")}`);
  }
  if (scheme.vetoes.length > 0) out(`  vetoes (一票否决): ${scheme.vetoes.map((v) => v.name).join("; ")}`);
  if (scheme.grading) {
    const grades = scheme.grading.grades.map((g) =>
      g.quota
        ? `${g.name} (${formatShort(g.quota.share * 100)}%${g.quota.of !== null ? ` of ${scheme.grading!.grades[g.quota.of]!.name}` : ""})`
        : g.min !== null
          ? `${g.name} (≥ ${formatShort(g.min)})`
          : g.name,
    );
    out(`  grades: ${grades.join(", ")}`);
  }

  const evaluation = evaluateUnits(scheme, demo.units);
  out(
    heading(
      `2. The evaluation of ${evaluation.units.length} units${demo.dataFile ? ` (${shown(demo.dataFile)})` : ""}`,
    ),
  );
  out(...rankingLines(scheme, evaluation.units));

  // A unit with an indicator-by-indicator breakdown tells the fullest story.
  const featured = evaluation.units.find((u) => Object.keys(u.indicators).length > 0) ?? evaluation.units[0]!;
  out(heading(`3. Why ${featured.name ?? featured.unit} got ${featured.total}`));
  out(renderExplanation(explainUnit(evaluation, featured.unit), "zh"));

  const schemeArg = shown(demo.schemeFile);
  const dataArg = demo.dataFile ? shown(demo.dataFile) : "data.xlsx";
  out(heading("4. Do it yourself with the kaoping command"));
  out(
    `  npm run kaoping -- validate ${schemeArg}`,
    `  npm run kaoping -- template --scheme ${schemeArg} --out 填报模板.xlsx`,
    `  npm run kaoping -- score --scheme ${schemeArg} --data ${dataArg} --out 结果.xlsx`,
    `  npm run kaoping -- explain --scheme ${schemeArg} --data ${dataArg} --unit ${featured.unit} --lang en`,
    `  npm run kaoping -- cv --data ${SCHOOLS} --rule 2012`,
    `  npm run kaoping -- draw --population ${SCHOOLS} --seed "2024-05-20 县教育督导室" --fraction 1/3 --by 乡镇 --out draw.json`,
    "",
    "Every command has --help; docs/cli.md shows each with its output.",
  );
}
