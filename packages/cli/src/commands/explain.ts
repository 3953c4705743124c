import { explainUnit, type Language, renderExplanation, UnknownUnitError } from "@kaoping/core";
import { type Command, Option } from "commander";
import { CliInputError } from "../errors.js";
import { loadScheme } from "../files/scheme-file.js";
import { evaluateDataFile } from "../files/unit-data.js";
import type { CliIo } from "../io.js";
import { yearOption } from "./options.js";

export function registerExplain(program: Command, io: CliIo): void {
  program
    .command("explain")
    .description(
      "explain one unit's result: every indicator's score, re-basing, raters, bonus, vetoes and grade",
    )
    .requiredOption("--scheme <file>", "the scheme file, .yaml or .json")
    .requiredOption("--data <file>", "the units, as for `kaoping score`")
    .requiredOption("--unit <code>", "the unit's code (单位代码)")
    .addOption(
      new Option("--lang <lang>", "the language of the explanation").choices(["zh", "en"]).default("zh"),
    )
    .addOption(yearOption("the evaluation's year, as for `kaoping score`"))
    .addHelpText(
      "after",
      "\nExample:\n  kaoping explain --scheme schemes/s04-trade-union/scheme.yaml --data schemes/s04-trade-union/units.json --unit T05",
    )
    .action(
      async (options: { scheme: string; data: string; unit: string; lang: Language; year?: number }) => {
        const { scheme } = await loadScheme(io, options.scheme);
        const evaluation = await evaluateDataFile(io, scheme, options.data, { year: options.year });
        try {
          io.out(`${renderExplanation(explainUnit(evaluation, options.unit), options.lang)}\n`);
        } catch (error) {
          if (!(error instanceof UnknownUnitError)) throw error;
          const codes = evaluation.units.map((u) => u.unit);
          throw new CliInputError([
            `${options.data}: no unit with code ${options.unit} (the units are ${codes.slice(0, 20).join(", ")}${codes.length > 20 ? ", …" : ""})`,
          ]);
        }
      },
    );
}
