/**
 * `kaoping jobs` against a test server listening on a port: an S2 campaign with two evaluated counties, one of
 * which has an evidence file missing from the storage, so its archive fails. Start, watch (a line per change, or
 * a bar redrawn in place on a terminal), status, download; and the refusals: wrong usage, a wrong password, no
 * server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../../server/src/http/in-process-client.js";
import {
  type SelfEvaluationFixture,
  seedS2Campaign,
} from "../../server/src/modules/self-evaluations/__tests__/fixture.js";
import { startTestServer, type TestServer } from "../../server/src/testing/test-services.js";
import { zipEntries } from "../../server/src/testing/unzip.js";
import { runCli } from "./cli.js";

const work = mkdtempSync(join(tmpdir(), "kaoping-cli-jobs-"));
let server: TestServer;
let fixture: SelfEvaluationFixture;
let url: string;

beforeAll(async () => {
  server = await startTestServer();
  fixture = await seedS2Campaign(server.services);
  const evaluation = await server.services.db
    .selectFrom("self_evaluations")
    .select("id")
    .where("campaign_id", "=", fixture.campaignId)
    .where("organisation_id", "=", fixture.other.id)
    .executeTakeFirstOrThrow();
  const lost = "f".repeat(64);
  await server.services.db
    .insertInto("evidence_blobs")
    .values({ sha256: lost, size: 10, content_type: "application/pdf" })
    .execute();
  await server.services.db
    .insertInto("evidence_files")
    .values({
      self_evaluation_id: evaluation.id,
      indicator_code: "A1",
      sha256: lost,
      original_name: "丢失.pdf",
    })
    .execute();
  url = await server.app.listen({ port: 0, host: "127.0.0.1" });
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

async function run(args: string[], options: { tty?: boolean; env?: Record<string, string> } = {}) {
  let out = "";
  let err = "";
  const saved = { ...process.env };
  Object.assign(process.env, options.env ?? {});
  try {
    const code = await runCli(args, {
      out: (t) => (out += t),
      err: (t) => (err += t),
      cwd: work,
      isTTY: options.tty ?? false,
    });
    return { code, out, err };
  } finally {
    for (const key of ["KAOPING_USER", "KAOPING_PASSWORD", "KAOPING_URL"]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

const organiser = () => ({ KAOPING_USER: "organiser-1", KAOPING_PASSWORD: TEST_PASSWORD, KAOPING_URL: url });
const jobIdOf = (out: string) => /^job (\S+) queued/.exec(out)?.[1] ?? "";

describe("kaoping jobs", () => {
  let archives = "";

  it("starts an archive job for every evaluated unit", async () => {
    const started = await run(["jobs", "start", fixture.campaignId, "--archives"], { env: organiser() });
    expect(started.err).toBe("");
    expect(started.code).toBe(0);
    expect(started.out).toMatch(/^job \S+ queued: evidence archives for 2 units\n/);
    archives = jobIdOf(started.out);
  });

  it("watches it to the end, a line per change, then the failures and exit 1", async () => {
    const watched = await run(["jobs", "watch", archives, "--interval", "50"], { env: organiser() });
    expect(watched.code).toBe(1);
    const lines = watched.out.trim().split("\n");
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.at(-1)).toBe(`[${"#".repeat(30)}] 100% 2/2, 1 failed completed_with_failures`);
    expect(watched.err).toContain("completed_with_failures: 1 done, 1 failed of 2\nfailed units:\n");
    expect(watched.err).toContain(`  ${fixture.other.code} 新平县: `);
    expect(watched.err).toContain("content missing from the store");
  });

  it("shows its status and downloads its ZIP", async () => {
    const status = await run(["jobs", "status", archives, "--url", url, "--user", "organiser-1"], {
      env: { KAOPING_PASSWORD: TEST_PASSWORD },
    });
    expect(status.code).toBe(0);
    expect(status.out).toContain(`job ${archives}: completed_with_failures`);
    expect(status.out).toContain("  1 done, 1 failed, 0 to go (100%)");
    expect(status.out).toContain(`failed units:\n  ${fixture.other.code} 新平县: `);

    const downloaded = await run(["jobs", "download", archives, "archives.zip"], { env: organiser() });
    expect(downloaded.code).toBe(0);
    expect(downloaded.out).toMatch(/^✓ archives\.zip: \d+ bytes\n$/);
    expect(zipEntries(join(work, "archives.zip"))).toEqual([`${fixture.county.code} 元江县.zip`]);
  });

  it("redraws the bar in place on a terminal, and exits 0 when every unit succeeded", async () => {
    const started = await run(
      [
        "jobs",
        "start",
        fixture.campaignId,
        "--documents",
        "self_evaluation_report",
        "--unit",
        fixture.county.id,
      ],
      { env: organiser() },
    );
    expect(started.code).toBe(0);
    const watched = await run(["jobs", "watch", jobIdOf(started.out), "--interval", "50"], {
      env: organiser(),
      tty: true,
    });
    expect(watched.err).toBe("");
    expect(watched.code).toBe(0);
    expect(watched.out.startsWith("\r[")).toBe(true);
    expect(watched.out).toContain(`\r[${"#".repeat(30)}] 100% 1/1 succeeded\n`);
    expect(watched.out).toContain("succeeded: 1 done, 0 failed of 1");
  });

  it("refuses wrong usage (exit 2), a wrong password and an unreachable server (exit 1)", async () => {
    const both = await run(["jobs", "start", fixture.campaignId, "--archives", "--documents", "x"], {
      env: organiser(),
    });
    expect(both.code).toBe(2);
    expect(both.err).toContain("give either --documents <kind> or --archives");
    const nobody = await run(["jobs", "status", archives, "--url", url]);
    expect(nobody.code).toBe(2);
    expect(nobody.err).toContain("KAOPING_USER");
    const wrong = await run(["jobs", "status", archives], {
      env: { ...organiser(), KAOPING_PASSWORD: "not-the-password" },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain("sign in: 401 bad_credentials");
    const kind = await run(["jobs", "start", fixture.campaignId, "--documents", "bulletin"], {
      env: organiser(),
    });
    expect(kind.code).toBe(1);
    expect(kind.err).toContain("400 validation");
    expect(kind.err).toContain("  body.documentKind: bulletin: not a document made per unit");
    const away = await run(["jobs", "status", archives], {
      env: { ...organiser(), KAOPING_URL: "http://127.0.0.1:9" },
    });
    expect(away.code).toBe(1);
    expect(away.err).toContain("cannot reach the server at http://127.0.0.1:9");
  });
});
