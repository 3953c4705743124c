/** The `kaoping` program: its commands, and how failures become messages and exit codes. */
import { readFileSync } from "node:fs";
import { describeProblem, InputError } from "@kaoping/core";
import { Command, CommanderError } from "commander";
import { registerAudit } from "./commands/audit.js";
import { registerCv } from "./commands/cv.js";
import { registerDraw } from "./commands/draw.js";
import { registerExplain } from "./commands/explain.js";
import { registerJobs } from "./commands/jobs.js";
import { registerScore } from "./commands/score.js";
import { registerTemplate } from "./commands/template.js";
import { registerValidate } from "./commands/validate.js";
import { CliInputError, CliUsageError, EXIT_BUG, EXIT_INPUT, EXIT_OK, EXIT_USAGE } from "./errors.js";
import type { CliIo } from "./io.js";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

export function buildProgram(io: CliIo): Command {
  const program = new Command("kaoping")
    .description("Kaoping (考评): evaluations of public bodies by indicator systems")
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError("(add --help for usage)")
    .addHelpText(
      "after",
      "\nExit codes: 0 success, 1 bad input (each problem is named with its file and place), 2 wrong usage.\nRun `npm run demo:cli` in the repository for a guided demo.",
    );
  for (const register of [
    registerValidate,
    registerTemplate,
    registerScore,
    registerExplain,
    registerCv,
    registerDraw,
    registerAudit,
    registerJobs,
  ]) {
    register(program, io);
  }
  return program;
}

/** Runs the command line `args` (without node and the script) and returns the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    if (args.length === 0) {
      io.err(program.helpInformation());
      return EXIT_USAGE;
    }
    await program.parseAsync([...args], { from: "user" });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    if (error instanceof CliUsageError) {
      io.err(`error: ${error.message}\n(add --help for usage)\n`);
      return EXIT_USAGE;
    }
    if (error instanceof CliInputError) {
      io.err(`${error.lines.join("\n")}\n`);
      return EXIT_INPUT;
    }
    if (error instanceof InputError) {
      io.err(`${error.problems.map(describeProblem).join("\n")}\n`);
      return EXIT_INPUT;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.err(
      `kaoping: internal error: this is a bug in Kaoping, please report it with the command that caused it.\n${detail}\n`,
    );
    return EXIT_BUG;
  }
}
