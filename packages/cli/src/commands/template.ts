import { resolve } from "node:path";
import { unitTableLayout } from "@kaoping/core";
import type { Command } from "commander";
import { inputFile, tableFormat } from "../files/input-file.js";
import { loadScheme } from "../files/scheme-file.js";
import { TEMPLATE_ROWS, writeTemplate } from "../files/template-workbook.js";
import type { CliIo } from "../io.js";
import { yearOption } from "./options.js";

export function registerTemplate(program: Command, io: CliIo): void {
  program
    .command("template")
    .description(
      "write the Excel input workbook (填报模板) of a scheme, to fill in and give to `kaoping score`",
    )
    .requiredOption("--scheme <file>", "the scheme file, .yaml or .json")
    .requiredOption("--out <file>", "the workbook to write, .xlsx")
    .addOption(
      yearOption(
        "the evaluation's year: asks for earlier years' grades when the scheme has history rules (default: this year)",
      ),
    )
    .addHelpText(
      "after",
      "\nThe workbook has a 说明 sheet, a 被评单位 sheet (one row per unit) and, when the scheme has raters, a 评分\nsheet. Headers start with the indicator's code; drop-downs and number checks guide the input.\n\nExample:\n  kaoping template --scheme schemes/s04-trade-union/scheme.yaml --out 工会考评.xlsx",
    )
    .action(async (options: { scheme: string; out: string; year?: number }) => {
      const out = inputFile(io, options.out);
      tableFormat(out, ["xlsx"]);
      const { scheme } = await loadScheme(io, options.scheme);
      const hasHistory = (scheme.grading?.history.length ?? 0) > 0;
      const year = options.year ?? (hasHistory ? new Date().getFullYear() : undefined);
      const layout = unitTableLayout(scheme, { year });
      await writeTemplate(layout, resolve(io.cwd, options.out), options.out, options.scheme);
      const columns = layout.units.columns;
      const count = (section: string) => columns.filter((c) => c.group === section).length;
      const inputs = columns.filter((c) => c.key.startsWith("scores.")).length;
      io.out(`✓ ${options.out}: input template of ${scheme.definition.name} ${scheme.definition.version}\n`);
      io.out(
        `  ${layout.units.name}: ${columns.length} columns (基础数据 ${count("基础数据")}, 指标 ${inputs}, 加分 ${count("加分项目")}${layout.historyYears.length > 0 ? `, 历史等次 ${layout.historyYears.join("/")}` : ""}), rows 3–${TEMPLATE_ROWS + 2} checked\n`,
      );
      if (layout.ratings)
        io.out(`  ${layout.ratings.name}: ${layout.ratings.columns.map((c) => c.header).join(", ")}\n`);
    });
}
