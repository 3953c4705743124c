/**
 * A save the server acknowledged survives the server being killed. The real server process takes a burst of
 * writes over HTTP (hundreds of organisations created in parallel while one is edited again and again), is
 * SIGKILLed in the middle of it, and restarted on the same data: every write that got a 2xx answer must be
 * there, and the audit chain must verify. On PGlite (the embedded default) and, with DATABASE_URL, PostgreSQL.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_PASSWORD,
  buildOnce,
  CLI_MAIN,
  freePort,
  HttpClient,
  type ServerProcess,
  spawnServer,
  type TestStore,
  testStore,
} from "./server-process.js";

let store: TestStore;
let port: number;

beforeAll(async () => {
  await buildOnce();
  store = await testStore();
  port = await freePort();
}, 240_000);
afterAll(() => store?.drop());

async function start(): Promise<ServerProcess> {
  const server = spawnServer({
    ...store.env,
    KAOPING_PORT: String(port),
    KAOPING_MODE: "production",
    KAOPING_ADMIN_PASSWORD: ADMIN_PASSWORD,
  });
  await server.ready();
  return server;
}

interface Acknowledged {
  /** code → id of every organisation whose creation was answered 201. */
  created: Map<string, string>;
  /** The last edit answered 200: the version it produced and the name it set. */
  lastEdit: { version: number; name: string } | null;
  /** Requests that got no answer because the server died under them. */
  unanswered: number;
}

/**
 * Creates up to `creates` organisations from 24 parallel clients while editing `edited` again and again; SIGKILLs
 * the server once `killAfter` creations (and a few edits) were acknowledged, with the rest in flight.
 */
async function burst(
  server: ServerProcess,
  admin: HttpClient,
  root: string,
  edited: { id: string; version: number },
  round: number,
  creates: number,
  killAfter: number,
): Promise<Acknowledged> {
  const acknowledged: Acknowledged = { created: new Map(), lastEdit: null, unanswered: 0 };
  let killed = false;
  const kill = () => {
    if (!killed) {
      killed = true;
      server.child.kill("SIGKILL");
    }
  };
  let editsAcknowledged = 0;
  const maybeKill = () => {
    if (acknowledged.created.size >= killAfter && editsAcknowledged >= 3) kill();
  };
  // 24 clients keep creating in parallel (each takes the next code), so the edits interleave with them.
  let next = 0;
  const createOne = async (code: string) => {
    try {
      const response = await admin.post("/organisations", {
        parentId: root,
        code,
        name: `单位 ${code}`,
        kind: "单位",
      });
      if (response.status === 201) {
        acknowledged.created.set(code, response.body.id);
        maybeKill();
      } else if (!killed)
        throw new Error(`create ${code}: ${response.status} ${JSON.stringify(response.body)}`);
    } catch (error) {
      if (!killed) throw error;
      acknowledged.unanswered += 1;
    }
  };
  const creating = Array.from({ length: 24 }, async () => {
    while (!killed && next < creates) await createOne(`r${round}-u${next++}`);
  });
  const editing = (async () => {
    let version = edited.version;
    for (let i = 0; !killed; i += 1) {
      const name = `反复修改 r${round} #${i}`;
      try {
        const response = await admin.patch(`/organisations/${edited.id}`, { version, name });
        if (response.status !== 200) {
          if (killed) return;
          throw new Error(`edit: ${response.status} ${JSON.stringify(response.body)}`);
        }
        version = response.body.version;
        acknowledged.lastEdit = { version, name };
        editsAcknowledged += 1;
        maybeKill();
      } catch (error) {
        if (!killed) throw error;
        acknowledged.unanswered += 1;
      }
    }
  })();
  await Promise.all([...creating, editing]);
  kill();
  const exit = await server.exited;
  expect(exit.signal).toBe("SIGKILL");
  return acknowledged;
}

describe(`a server killed in the middle of saving (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("keeps every acknowledged save, and its audit chain verifies", async () => {
    let server = await start();
    let admin = await HttpClient.login(server.url, "admin", ADMIN_PASSWORD);
    const root = await admin.post("/organisations", {
      parentId: null,
      code: "crash-root",
      name: "压力测试县",
      kind: "县",
    });
    expect(root.status).toBe(201);
    const target = await admin.post("/organisations", {
      parentId: root.body.id,
      code: "edited",
      name: "反复修改",
      kind: "单位",
    });
    expect(target.status).toBe(201);
    let edited = { id: target.body.id as string, version: target.body.version as number };
    const everyCreated = new Map<string, string>();

    for (const round of [1, 2]) {
      const acknowledged = await burst(server, admin, root.body.id, edited, round, 1000, 200);
      expect(acknowledged.created.size).toBeGreaterThanOrEqual(200);
      expect(acknowledged.lastEdit).not.toBeNull();
      if (process.env.KAOPING_TEST_VERBOSE)
        console.log(round, acknowledged.created.size, acknowledged.lastEdit, acknowledged.unanswered);
      expect(acknowledged.unanswered).toBeGreaterThan(0);
      for (const [code, id] of acknowledged.created) everyCreated.set(code, id);
      if (!store.onPostgres) {
        // The killed server's lock is still there; the next start takes it over.
        expect(fs.existsSync(path.join(store.dataDir, "db", "kaoping.lock"))).toBe(true);
      }

      server = await start();
      admin = await HttpClient.login(server.url, "admin", ADMIN_PASSWORD);
      const listed = new Map<string, string>();
      for (let offset = 0; ; offset += 500) {
        const page = await admin.get(`/organisations?under=${root.body.id}&limit=500&offset=${offset}`);
        expect(page.status).toBe(200);
        for (const o of page.body.items as Array<{ code: string; id: string }>) listed.set(o.code, o.id);
        if (offset + 500 >= page.body.total) break;
      }
      const lost = [...everyCreated].filter(([code, id]) => listed.get(code) !== id).map(([code]) => code);
      expect(lost).toEqual([]);

      const now = await admin.get(`/organisations/${edited.id}`);
      const last = acknowledged.lastEdit!;
      // The acknowledged edit is there; at most the one in flight when the server died committed after it.
      expect([last.version, last.version + 1]).toContain(now.body.version);
      if (now.body.version === last.version) expect(now.body.name).toBe(last.name);
      edited = { id: edited.id, version: now.body.version };

      const chain = await admin.get("/audit/verify");
      expect(chain.body).toMatchObject({ intact: true, problem: null });
      // Every acknowledged creation has its audit row.
      expect(chain.body.rows).toBeGreaterThanOrEqual(everyCreated.size + 3 + (last.version - 1));
    }

    // A graceful stop releases the folder, and the command-line check agrees with the server's.
    server.child.kill("SIGTERM");
    expect((await server.exited).code).toBe(0);
    if (!store.onPostgres) {
      expect(fs.existsSync(path.join(store.dataDir, "db", "kaoping.lock"))).toBe(false);
      const output = execFileSync(
        process.execPath,
        [CLI_MAIN, "audit", "verify", "--data-dir", store.dataDir],
        {
          encoding: "utf8",
        },
      );
      expect(output).toMatch(/^\d+ rows verified, chain intact\n$/);
    }
  }, 300_000);
});
