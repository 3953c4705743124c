/**
 * `kaoping jobs`: batch jobs (批量任务) on a running server — start one (Word documents of a kind, or evidence
 * archives, for every unit of a campaign), look at it, watch it to the end, download its ZIP.
 */
import path from "node:path";
import { type Command, Option } from "commander";
import { CliInputError, CliUsageError } from "../errors.js";
import type { CliIo } from "../io.js";
import { type ServerOptions, ServerSession } from "../server/server-session.js";
import { type Progress, progressLine } from "../text/progress-bar.js";

interface Job extends Progress {
  id: string;
  campaignId: string;
  kind: "documents" | "archives";
  documentKind: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  result: { fileName: string; size: number } | null;
  failures: Array<{ code: string; name: string; error: string }>;
}

const ENDED = new Set(["succeeded", "completed_with_failures", "failed", "cancelled"]);

const what = (job: Job) => (job.kind === "archives" ? "evidence archives" : `documents ${job.documentKind}`);

function failureLines(job: Job): string[] {
  const lines = job.failures.map((f) => `  ${f.code} ${f.name}: ${f.error}`);
  if (job.failed > job.failures.length) lines.push(`  … and ${job.failed - job.failures.length} more`);
  return lines;
}

function statusLines(job: Job): string[] {
  return [
    `job ${job.id}: ${job.status}`,
    `  ${what(job)} for ${job.total} units of campaign ${job.campaignId}`,
    `  ${job.done} done, ${job.failed} failed, ${job.total - job.done - job.failed} to go (${job.percent}%)`,
    `  created ${job.createdAt}${job.startedAt ? `, started ${job.startedAt}` : ""}${
      job.finishedAt ? `, finished ${job.finishedAt}` : ""
    }`,
    ...(job.error === null ? [] : [`  ${job.error}`]),
    ...(job.result === null ? [] : [`  result: ${job.result.fileName} (${job.result.size} bytes)`]),
    ...(job.failed === 0 ? [] : ["failed units:", ...failureLines(job)]),
  ];
}

function parseInterval(text: string): number {
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 50) throw new CliUsageError("--interval: milliseconds, at least 50");
  return ms;
}

/** The server options every subcommand takes. */
function withServer(command: Command): Command {
  return command
    .option("--url <url>", "the server (default: $KAOPING_URL or http://127.0.0.1:3000)")
    .option("--user <name>", "who signs in (default: $KAOPING_USER)")
    .addOption(
      new Option(
        "--password <password>",
        "the password (prefer $KAOPING_PASSWORD: options show in ps)",
      ).hideHelp(),
    );
}

export function registerJobs(program: Command, io: CliIo): void {
  const jobs = program
    .command("jobs")
    .description("batch jobs on a running server: documents or evidence archives for many units")
    .addHelpText(
      "after",
      "\nSign-in: --user or KAOPING_USER, the password in KAOPING_PASSWORD, the server in --url or KAOPING_URL.",
    );

  withServer(jobs.command("start <campaignId>"))
    .description("queue a job for every evaluated unit of the campaign (or --unit …)")
    .option("--documents <kind>", "a Word document per unit, e.g. self_evaluation_report")
    .option("--archives", "the evidence archive (资料归档) per unit")
    .option("--unit <organisationId...>", "only these units")
    .addHelpText(
      "after",
      "\nExample:\n  KAOPING_USER=organiser KAOPING_PASSWORD=… kaoping jobs start <campaignId> --documents self_evaluation_report",
    )
    .action(
      async (
        campaignId: string,
        options: ServerOptions & { documents?: string; archives?: boolean; unit?: string[] },
      ) => {
        if ((options.documents === undefined) === (options.archives !== true))
          throw new CliUsageError("give either --documents <kind> or --archives");
        const session = await ServerSession.signIn(options);
        const body = {
          ...(options.archives
            ? { kind: "archives" }
            : { kind: "documents", documentKind: options.documents }),
          ...(options.unit === undefined ? {} : { organisationIds: options.unit }),
        };
        const job = await session.post<Job>(`/campaigns/${encodeURIComponent(campaignId)}/jobs`, body);
        io.out(`job ${job.id} queued: ${what(job)} for ${job.total} units\n`);
        io.out(`  follow it with: kaoping jobs watch ${job.id}\n`);
      },
    );

  withServer(jobs.command("status <jobId>"))
    .description("a job's status, counts and failed units")
    .action(async (jobId: string, options: ServerOptions) => {
      const session = await ServerSession.signIn(options);
      const job = await session.get<Job>(`/jobs/${encodeURIComponent(jobId)}`);
      io.out(`${statusLines(job).join("\n")}\n`);
    });

  withServer(jobs.command("watch <jobId>"))
    .description("follow a job to its end; exit 1 if any unit failed or the job did not succeed")
    .option("--interval <ms>", "how often to ask the server", parseInterval, 1000)
    .addHelpText(
      "after",
      "\nOn a terminal the progress bar is redrawn in place; otherwise a line is printed per change.",
    )
    .action(async (jobId: string, options: ServerOptions & { interval: number }) => {
      const session = await ServerSession.signIn(options);
      let last = "";
      let job: Job;
      for (;;) {
        job = await session.get<Job>(`/jobs/${encodeURIComponent(jobId)}`);
        const line = progressLine(job);
        if (line !== last) io.out(io.isTTY ? `\r${line}` : `${line}\n`);
        last = line;
        if (ENDED.has(job.status)) break;
        await new Promise((resolve) => setTimeout(resolve, options.interval));
      }
      if (io.isTTY) io.out("\n");
      const summary = `${job.status}: ${job.done} done, ${job.failed} failed of ${job.total}`;
      if (job.status === "succeeded") {
        io.out(`${summary}\n  download: kaoping jobs download ${job.id} <file.zip>\n`);
        return;
      }
      throw new CliInputError([
        summary,
        ...(job.error === null ? [] : [`  ${job.error}`]),
        ...(job.failed === 0 ? [] : ["failed units:", ...failureLines(job)]),
      ]);
    });

  withServer(jobs.command("download <jobId> <file>"))
    .description("save a finished job's ZIP (one file per unit done)")
    .action(async (jobId: string, file: string, options: ServerOptions) => {
      const session = await ServerSession.signIn(options);
      const target = path.resolve(io.cwd, file);
      const bytes = await session.download(`/jobs/${encodeURIComponent(jobId)}/result`, target);
      io.out(`✓ ${file}: ${bytes} bytes\n`);
    });
}
