/**
 * The job worker inside the server process: it takes one job at a time, claims its units a batch at a time,
 * makes each unit's output into the storage, records the batch's outcomes and heartbeats; when no unit is left it
 * assembles the result ZIP and ends the job. After a crash, another start resumes the job from the units not yet
 * recorded once its heartbeat is stale; a graceful stop lets the job go at once.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import { Readable } from "node:stream";
import type { Actor } from "../access/actor.js";
import { actorOfUser } from "../auth/sessions.js";
import type { Services } from "../context.js";
import { documentKind } from "../documents/kinds.js";
import { AppError } from "../errors.js";
import { sanitiseFileName } from "../modules/evidence/sanitise-file-name.js";
import {
  type ClaimedJob,
  claimItems,
  claimJob,
  finishJob,
  heartbeat,
  type ItemOutcome,
  jobCounts,
  recordOutcomes,
  releaseJob,
} from "./queue.js";
import { storeResultZip } from "./result-zip.js";
import { type UnitRenderer, unitRenderer } from "./unit-renderers.js";

export interface WorkerOptions {
  /** Units claimed and recorded together. */
  batchSize?: number;
  /** How often an idle worker looks for a job (a new job wakes it at once). */
  pollMs?: number;
  staleSeconds?: number;
  render?: UnitRenderer;
}

/** A unit's failure as one line: the message in both languages and the details' places. */
export function failureReason(error: unknown): string {
  if (error instanceof AppError) {
    const { message, details } = error.toBody().error;
    const where = details.map((d) => `${d.path}: ${d.message}`).join("; ");
    return `${message.zh} / ${message.en}${where === "" ? "" : ` (${where})`}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The job's author as the actor its units are rendered for (a disabled author stops the job). */
async function jobAuthor(services: Services, userId: string | null): Promise<Actor> {
  const user =
    userId === null
      ? undefined
      : await services.db
          .selectFrom("users")
          .select(["id", "username", "display_name", "organisation_id", "disabled"])
          .where("id", "=", userId)
          .executeTakeFirst();
  if (user === undefined || user.disabled)
    throw new AppError("forbidden", [
      { path: "job.createdBy", message: "the job's author is no longer active" },
    ]);
  return actorOfUser(services.db, user);
}

export class JobWorker {
  /** This process's name on the jobs it holds. */
  readonly id = `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly staleSeconds: number;
  private readonly render: UnitRenderer;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly services: Services,
    options: WorkerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 10;
    this.pollMs = options.pollMs ?? 2000;
    this.staleSeconds = options.staleSeconds ?? services.config.jobs.staleSeconds;
    this.render = options.render ?? unitRenderer(services);
  }

  /** Runs in the background until `stop()`. */
  start(): void {
    if (this.loop !== null) return;
    this.stopping = false;
    this.loop = this.background();
  }

  /** Finishes the batch in hand, lets its job go, and returns once the worker is idle. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    this.loop = null;
  }

  /** A job was queued: look now rather than at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Works until no job is left to claim (or the worker stops); returns how many jobs it ran. */
  async runUntilIdle(): Promise<number> {
    let ran = 0;
    for (;;) {
      if (this.stopping) return ran;
      const job = await claimJob(this.services.db, this.id, this.staleSeconds, this.services.clock.now());
      if (job === null) return ran;
      await this.runJob(job);
      ran += 1;
    }
  }

  private async background(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.runUntilIdle();
      } catch (error) {
        // A database hiccup: the job stays claimed and is resumed; try again after the pause.
        process.emitWarning(`job worker: ${failureReason(error)}`);
      }
      if (this.stopping) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  private async runJob(job: ClaimedJob): Promise<void> {
    const { db } = this.services;
    const beat = setInterval(
      () => void heartbeat(db, job.id, this.id).catch(() => undefined),
      Math.max(200, (this.staleSeconds * 1000) / 3),
    );
    try {
      let actor: Actor | null = null;
      let actorError: unknown = null;
      try {
        actor = await jobAuthor(this.services, job.createdBy);
      } catch (error) {
        actorError = error;
      }
      for (;;) {
        if (this.stopping) {
          await releaseJob(db, job.id, this.id);
          return;
        }
        const items = await claimItems(db, job.id, this.id, this.batchSize);
        if (items.length === 0) break;
        const outcomes: ItemOutcome[] = [];
        for (const item of items) {
          try {
            if (actor === null) throw actorError;
            const output = await this.render(job, actor, item.organisationId);
            const content = Buffer.isBuffer(output.content)
              ? Readable.from([output.content])
              : output.content;
            const stored = await this.services.storage.put(content, Number.MAX_SAFE_INTEGER);
            outcomes.push({
              position: item.position,
              status: "done",
              sha256: stored.sha256,
              name: output.fileName,
            });
          } catch (error) {
            outcomes.push({ position: item.position, status: "failed", error: failureReason(error) });
          }
        }
        await recordOutcomes(db, job.id, this.id, outcomes);
      }
      if (!(await heartbeat(db, job.id, this.id))) return;
      await this.finish(job);
    } finally {
      clearInterval(beat);
    }
  }

  private async finish(job: ClaimedJob): Promise<void> {
    const { db } = this.services;
    const counts = await jobCounts(db, job.id);
    if (counts.done === 0) {
      await finishJob(db, job.id, this.id, this.services.clock.now(), {
        status: "failed",
        result: null,
        error: "没有单位生成成功 / no unit succeeded",
      });
      return;
    }
    let stored: Awaited<ReturnType<typeof storeResultZip>>;
    try {
      stored = await storeResultZip(this.services, job.id, this.services.clock.now());
    } catch (error) {
      await finishJob(db, job.id, this.id, this.services.clock.now(), {
        status: "failed",
        result: null,
        error: `结果文件生成失败 / the result could not be assembled: ${failureReason(error)}`,
      });
      return;
    }
    await finishJob(db, job.id, this.id, this.services.clock.now(), {
      status: counts.failed === 0 ? "succeeded" : "completed_with_failures",
      result: { ...stored, name: await this.resultName(job) },
    });
  }

  private async resultName(job: ClaimedJob): Promise<string> {
    const campaign = await this.services.db
      .selectFrom("campaigns")
      .select(["name"])
      .where("id", "=", job.campaignId)
      .executeTakeFirstOrThrow();
    const what = job.kind === "archives" ? "资料归档" : documentKind(job.documentKind ?? "").zh;
    return sanitiseFileName(`${campaign.name} ${what}.zip`);
  }
}
