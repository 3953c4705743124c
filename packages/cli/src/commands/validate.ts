import { formatShort } from "@kaoping/core";
import type { Command } from "commander";
import { loadScheme } from "../files/scheme-file.js";
import type { CliIo } from "../io.js";

export function registerValidate(program: Command, io: CliIo): void {
  program
    .command("validate")
    .description(
      "check a scheme file (指标体系, YAML or JSON) and report every problem at its line and column",
    )
    .argument("<scheme>", "the scheme file, .yaml or .json")
    .addHelpText("after", "\nExample:\n  kaoping validate schemes/s04-trade-union/scheme.yaml")
    .action(async (schemeName: string) => {
      const { scheme } = await loadScheme(io, schemeName);
      const definition = scheme.definition;
      const indicators = scheme.nodes.length - 1;
      io.out(
        `✓ ${definition.name} ${definition.version}: ${indicators} indicators (${scheme.leaves.length} leaves), max ${formatShort(scheme.nodes[scheme.root]!.max)}\n`,
      );
    });
}
