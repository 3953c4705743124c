/** `kaoping audit verify`: walks the server's hash-chained audit trail and reports the first broken row. */
import path from "node:path";
import type { Command } from "commander";
import { CliInputError } from "../errors.js";
import type { CliIo } from "../io.js";

interface VerifyOptions {
  databaseUrl?: string;
  dataDir?: string;
}

export function registerAudit(program: Command, io: CliIo): void {
  const audit = program.command("audit").description("the server's audit trail (痕迹管理)");
  audit
    .command("verify")
    .description("verify the audit trail's hash chain: every row as written, none removed or relinked")
    .option("--database-url <url>", "a PostgreSQL server (default: $DATABASE_URL)")
    .option(
      "--data-dir <dir>",
      "the server's data folder with the embedded database (default: $KAOPING_DATA_DIR or ./data)",
    )
    .addHelpText(
      "after",
      '\nPrints "N rows verified, chain intact", or the first row that was altered, removed or relinked (exit 1).\n' +
        "With the embedded database, stop the server first: its folder is used by one process at a time.\n\n" +
        "Example:\n  kaoping audit verify --data-dir ./data",
    )
    .action(async (options: VerifyOptions) => {
      // Loaded here, so the other commands do not load the server and its database drivers.
      const { verifyStoredAuditChain } = await import("@kaoping/server");
      const url = options.databaseUrl ?? nonEmpty(process.env.DATABASE_URL);
      const location =
        url !== undefined
          ? ({ kind: "postgres", url } as const)
          : ({
              kind: "pglite",
              dir: path.join(
                path.resolve(io.cwd, options.dataDir ?? nonEmpty(process.env.KAOPING_DATA_DIR) ?? "data"),
                "db",
              ),
            } as const);
      let report: Awaited<ReturnType<typeof verifyStoredAuditChain>>;
      try {
        report = await verifyStoredAuditChain(location);
      } catch (error) {
        throw new CliInputError([`kaoping audit verify: ${(error as Error).message}`]);
      }
      if (report.problem === null) {
        io.out(`${report.rows} rows verified, chain intact\n`);
        return;
      }
      throw new CliInputError([
        `row ${report.problem.seq} ${report.problem.kind} (${report.rows} rows before it verified)`,
      ]);
    });
}

const nonEmpty = (value: string | undefined): string | undefined => (value === "" ? undefined : value);
