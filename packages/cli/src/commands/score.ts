import type { Command } from "commander";
import { writeResults } from "../files/results-file.js";
import { loadScheme } from "../files/scheme-file.js";
import { evaluateDataFile } from "../files/unit-data.js";
import type { CliIo } from "../io.js";
import { rankingLines } from "../text/ranking.js";
import { yearOption } from "./options.js";

export function registerScore(program: Command, io: CliIo): void {
  program
    .command("score")
    .description("score and grade the units in a data file and print the ranking")
    .requiredOption("--scheme <file>", "the scheme file, .yaml or .json")
    .requiredOption(
      "--data <file>",
      "the units: the filled template (.xlsx), its 被评单位 sheet as .csv, or UnitInput[] (.json)",
    )
    .option("--out <file>", "also write the results: .xlsx, .csv or .json")
    .addOption(yearOption("the evaluation's year, to check earlier years' grades (连续三年…)"))
    .addHelpText(
      "after",
      "\nExample:\n  kaoping score --scheme schemes/s04-trade-union/scheme.yaml --data schemes/s04-trade-union/units.json --out 结果.xlsx",
    )
    .action(async (options: { scheme: string; data: string; out?: string; year?: number }) => {
      const { scheme } = await loadScheme(io, options.scheme);
      const evaluation = await evaluateDataFile(io, scheme, options.data, { year: options.year });
      const definition = scheme.definition;
      io.out(`${definition.name} ${definition.version}: ${evaluation.units.length} units\n\n`);
      io.out(`${rankingLines(scheme, evaluation.units).join("\n")}\n`);
      if (options.out) {
        await writeResults(io, scheme, evaluation, options.out, options.year);
        io.out(`\n✓ results written to ${options.out}\n`);
      }
    });
}
