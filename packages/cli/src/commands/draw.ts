/** `kaoping draw`: the reproducible draw by lot (抽签) of units for on-site evaluation, and its verification. */
import {
  DRAW_ROUNDINGS,
  type DrawRecord,
  type DrawRounding,
  drawSample,
  locateProblems,
  type PopulationRow,
  parseFraction,
  readPopulationTable,
  SamplingInputError,
  verifyDraw,
} from "@kaoping/core";
import { type Command, InvalidArgumentError, Option } from "commander";
import { CliInputError, CliUsageError } from "../errors.js";
import { type InputFile, inputFile, parseJson, readText } from "../files/input-file.js";
import { locatedLine, pathLine, problemCount } from "../files/located.js";
import { writeOutputText } from "../files/output-file.js";
import { objectRecords, readTableInput } from "../files/table-file.js";
import type { CliIo } from "../io.js";
import { textTable } from "../text/text-table.js";

interface Population {
  rows: PopulationRow[];
  locate(error: SamplingInputError): string[];
}

async function readPopulation(file: InputFile): Promise<Population> {
  const input = await readTableInput(file, "population");
  if (input.kind === "json") {
    const rows = objectRecords(file, "population", input.list) as PopulationRow[];
    return {
      rows,
      locate: (error) =>
        error.problems.map((p) =>
          p.path.startsWith("population")
            ? pathLine(file.name, p.path, undefined, p.message)
            : optionLine(p.path, p.message),
        ),
    };
  }
  const table = readPopulationTable(input.sheet);
  if (table.problems.length > 0) {
    throw new CliInputError([
      ...table.problems.map((p) => locatedLine(file.name, p)),
      problemCount(table.problems.length, file.name, "nothing was drawn"),
    ]);
  }
  const sources = { units: table.population.map((r) => ({ unit: r.code })), sources: table.sources };
  return {
    rows: table.population,
    locate: (error) =>
      error.problems.map((p) =>
        p.path.startsWith("population")
          ? locatedLine(file.name, locateProblems(sources, [p], "population")[0]!)
          : optionLine(p.path, p.message),
      ),
  };
}

/** A problem with a draw parameter, named as the option that set it. */
function optionLine(path: string, message: string): string {
  return `--${path === "minimumPerStratum" ? "minimum" : path}: ${message}`;
}

/** The text shown for a drawn unit: its code and, when the population has one, its name. */
function describer(rows: readonly PopulationRow[]): (code: string) => string {
  const nameField = ["name", "名称", "单位名称", "学校名称"].find((f) => rows.some((r) => f in r));
  const names = new Map(rows.map((r) => [r.code, nameField ? r[nameField] : undefined]));
  return (code) => (names.get(code) === undefined ? code : `${code} ${names.get(code)}`);
}

function drawLines(record: DrawRecord, rows: readonly PopulationRow[]): string[] {
  const describe = describer(rows);
  const rounding: Record<DrawRounding, string> = { ceil: "向上取整", halfUp: "四舍五入", floor: "向下取整" };
  const lines = [
    `Draw ${record.algorithm}`,
    `  seed        ${record.seed}`,
    `  population  ${record.populationSize} units, sha256 ${record.populationHash}`,
    `  fraction    ${record.fraction} of each stratum (${rounding[record.rounding]}), at least ${record.minimumPerStratum}`,
    ...(record.by ? [`  strata by   ${record.by}`] : []),
    "",
  ];
  const table = textTable(
    [
      { header: record.by ?? "stratum" },
      { header: "units", align: "right" },
      { header: "drawn", align: "right" },
      { header: "selected, in draw order" },
    ],
    record.strata.map((s) => [
      s.value === null ? "(all)" : String(s.value),
      String(s.size),
      String(s.count),
      s.selected.map(describe).join(", "),
    ]),
  );
  return [
    ...lines,
    ...table.map((line) => `  ${line}`),
    "",
    `Selected ${record.selected.length}: ${record.selected.join(", ")}`,
  ];
}

/** A draw record read from JSON, checked field by field so a damaged file is reported rather than crashing. */
function readRecord(file: InputFile, value: unknown): DrawRecord {
  const problems: string[] = [];
  const record = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const expect = (field: string, ok: (v: unknown) => boolean, what: string) => {
    if (!ok(record[field])) problems.push(`${file.name} ${field}: must be ${what}`);
  };
  const text = (v: unknown) => typeof v === "string";
  const count = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  const codes = (v: unknown) => Array.isArray(v) && v.every(text);
  expect("algorithm", text, "the algorithm's name");
  expect("seed", text, "a text");
  expect("fraction", text, 'a fraction such as "1/3"');
  expect("rounding", (v) => DRAW_ROUNDINGS.includes(v as DrawRounding), DRAW_ROUNDINGS.join(" or "));
  expect("minimumPerStratum", count, "a whole number");
  expect("by", (v) => v === null || text(v), "a field name or null");
  expect("populationHash", text, "a hex SHA-256");
  expect("populationSize", count, "a whole number");
  expect("selected", codes, "a list of codes");
  expect(
    "strata",
    (v) =>
      Array.isArray(v) &&
      v.every(
        (s: Record<string, unknown> | null) =>
          typeof s === "object" && s !== null && count(s.size) && count(s.count) && codes(s.selected),
      ),
    "a list of strata ({value, size, count, selected})",
  );
  if (problems.length > 0)
    throw new CliInputError([`${file.name}: not a draw record written by kaoping draw`, ...problems]);
  return record as unknown as DrawRecord;
}

function parseSeed(text: string): string {
  if (text.trim() === "")
    throw new InvalidArgumentError("expected a non-empty text, announced before the draw.");
  return text;
}

function parseShare(text: string): string {
  if (!parseFraction(text))
    throw new InvalidArgumentError('expected a share such as "1/3" or "0.25", above 0 and at most 1.');
  return text;
}

function parseCount(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError("expected a whole number ≥ 0.");
  return n;
}

interface DrawOptions {
  population: string;
  seed?: string;
  fraction?: string;
  by?: string;
  minimum: number;
  rounding: DrawRounding;
  out?: string;
  verify?: string;
}

async function verify(io: CliIo, options: DrawOptions & { verify: string }): Promise<void> {
  const recordFile = inputFile(io, options.verify);
  const record = readRecord(recordFile, parseJson(recordFile, await readText(recordFile)));
  const population = await readPopulation(inputFile(io, options.population));
  const result = verifyDraw(record, population.rows);
  if (!result.matches) {
    throw new CliInputError([
      `✗ ${options.verify} does not match ${options.population}: ${result.reason}: ${result.message}`,
    ]);
  }
  io.out(
    `✓ ${options.verify} matches ${options.population}: the same ${record.selected.length} of ${record.populationSize} units are drawn (seed "${record.seed}", sha256 ${record.populationHash})\n`,
  );
}

export function registerDraw(program: Command, io: CliIo): void {
  program
    .command("draw")
    .description("draw units by lot (抽签) reproducibly from a seed, or verify a recorded draw")
    .requiredOption(
      "--population <file>",
      "the units to draw from: .xlsx/.csv with a 单位代码 (or 学校代码, code) column, or .json",
    )
    .addOption(new Option("--seed <text>", "the seed announced before the draw").argParser(parseSeed))
    .addOption(
      new Option("--fraction <share>", 'the share of each stratum, e.g. "1/3" or "0.25"').argParser(
        parseShare,
      ),
    )
    .option("--by <field>", "stratify by this column (e.g. 乡镇)")
    .addOption(
      new Option("--minimum <n>", "the fewest units drawn from a stratum").argParser(parseCount).default(1),
    )
    .addOption(
      new Option("--rounding <rule>", "how a stratum's share becomes a count")
        .choices(DRAW_ROUNDINGS)
        .default("ceil"),
    )
    .option("--out <file>", "write the draw record (.json) for publication and verification")
    .option("--verify <record>", "check that a draw record matches the population instead of drawing")
    .addHelpText(
      "after",
      '\nThe same seed and population always give the same draw. Publish the record and the population; anyone can\nre-run it with --verify.\n\nExamples:\n  kaoping draw --population packages/cli/examples/schools.csv --seed "2024-05-20 县教育督导室" --fraction 1/3 --by 乡镇 --out draw.json\n  kaoping draw --verify draw.json --population packages/cli/examples/schools.csv',
    )
    .action(async (options: DrawOptions) => {
      if (options.verify !== undefined) {
        if (options.seed !== undefined || options.fraction !== undefined || options.out !== undefined) {
          throw new CliUsageError(
            "--verify takes its seed and fraction from the record: leave out --seed, --fraction and --out",
          );
        }
        await verify(io, { ...options, verify: options.verify });
        return;
      }
      if (options.seed === undefined || options.fraction === undefined) {
        throw new CliUsageError("a draw needs --seed and --fraction (or --verify <record> to check one)");
      }
      const population = await readPopulation(inputFile(io, options.population));
      let record: DrawRecord;
      try {
        record = drawSample({
          seed: options.seed,
          population: population.rows,
          fraction: options.fraction,
          by: options.by,
          minimumPerStratum: options.minimum,
          rounding: options.rounding,
        });
      } catch (error) {
        if (!(error instanceof SamplingInputError)) throw error;
        const lines = population.locate(error);
        throw new CliInputError([
          ...lines,
          problemCount(lines.length, options.population, "nothing was drawn"),
        ]);
      }
      io.out(`${drawLines(record, population.rows).join("\n")}\n`);
      if (options.out) {
        await writeOutputText(
          inputFile(io, options.out).path,
          options.out,
          `${JSON.stringify(record, null, 2)}\n`,
        );
        io.out(
          `\n✓ record written to ${options.out}; verify with: kaoping draw --verify ${options.out} --population ${options.population}\n`,
        );
      }
    });
}
