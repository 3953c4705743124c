import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../http/in-process-client.js";
import { multipart } from "../../testing/multipart.js";
import { startTestServer, type TestServer } from "../../testing/test-services.js";
import { type SelfEvaluationFixture, seedS2Campaign } from "../self-evaluations/__tests__/fixture.js";
import { contentDisposition, sanitiseFileName } from "./sanitise-file-name.js";

let server: TestServer;
let f: SelfEvaluationFixture;
const login = (name: string) => ApiClient.login(server.app, `${name}-1`);

beforeAll(async () => {
  server = await startTestServer({ maxUploadBytes: 64 * 1024 });
  f = await seedS2Campaign(server.services);
});
afterAll(() => server.close());

const upload = (
  client: ApiClient,
  file: { name: string; content: Buffer; type?: string },
  indicatorCode = "B3.2",
) => {
  const { payload, headers } = multipart({ indicatorCode }, file);
  return client.request("POST", f.url(f.county, "/evidence"), payload, headers);
};

const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Title (${text}) >> endobj\n%%EOF\n`, "latin1");

/** Every file under the evidence folder (empty folders do not count). */
function storedFiles(): string[] {
  const dir = server.services.config.evidenceDir;
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((p) =>
    fs.statSync(path.join(dir, p)).isFile(),
  );
}

describe("file names", () => {
  it("keeps only the last segment, drops '..', control and bidi characters, and keeps Chinese", () => {
    expect(sanitiseFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitiseFileName("..\\..\\windows\\自评报告.pdf")).toBe("自评报告.pdf");
    expect(sanitiseFileName("a\u0000b\u202ecod.exe.pdf")).toBe("abcod.exe.pdf");
    expect(sanitiseFileName("....")).toBe("file");
    expect(sanitiseFileName("报告..pdf")).toBe("报告.pdf");
    const long = sanitiseFileName(`${"长".repeat(300)}.docx`);
    expect([...long].length).toBe(120);
    expect(long.endsWith(".docx")).toBe(true);
    expect(contentDisposition("自评 报告.pdf")).toBe(
      `attachment; filename="__ __.pdf"; filename*=UTF-8''%E8%87%AA%E8%AF%84%20%E6%8A%A5%E5%91%8A.pdf`,
    );
  });
});

describe("evidence files", () => {
  it("stores an upload under its sniffed type and sanitised name, and serves it back", async () => {
    const head = await login("head");
    const content = pdf("校舍安全鉴定报告");
    const response = await upload(head, { name: "../../../etc/校舍鉴定.pdf", content, type: "text/html" });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      indicatorCode: "B3.2",
      name: "校舍鉴定.pdf",
      contentType: "application/pdf",
      size: content.length,
    });
    const download = await head.get(`/evidence/${response.body.id}`);
    expect(download.status).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(String(download.headers["content-disposition"])).toContain(
      `filename*=UTF-8''${encodeURIComponent("校舍鉴定.pdf")}`,
    );
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.from(download.body, "latin1").length).toBe(content.length);
    const view = await head.get(f.url(f.county));
    const item = view.body.items.find((i: { code: string }) => i.code === "B3.2");
    expect(item.evidence.map((e: { id: string }) => e.id)).toEqual([response.body.id]);
  });

  it("sniffs plain UTF-8 text and refuses a program renamed .pdf", async () => {
    const head = await login("head");
    const csv = await upload(head, {
      name: "学生名册.csv",
      content: Buffer.from("姓名,年级\n张三,初一\n"),
      type: "application/pdf",
    });
    expect(csv.status).toBe(201);
    expect(csv.body.contentType).toBe("text/csv; charset=utf-8");
    const before = storedFiles().length;
    const exe = Buffer.alloc(2048);
    exe.write("MZ");
    exe.write("This program cannot be run in DOS mode.", 78);
    const refused = await upload(head, { name: "自评报告.pdf", content: exe });
    expect(refused.status).toBe(415);
    expect(refused.body.error.code).toBe("unsupported_media");
    const binary = await upload(head, {
      name: "data.pdf",
      content: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x00, 0x13]),
    });
    expect(binary.status).toBe(415);
    expect(storedFiles().length).toBe(before);
  });

  it("stores identical files once", async () => {
    const head = await login("head");
    const content = pdf("同一份文件");
    const first = await upload(head, { name: "a.pdf", content }, "B3.3");
    const second = await upload(head, { name: "b.pdf", content }, "B1.1");
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.sha256).toBe(first.body.sha256);
    expect(second.body.id).not.toBe(first.body.id);
    const blobs = await server.services.db
      .selectFrom("evidence_blobs")
      .select("sha256")
      .where("sha256", "=", first.body.sha256)
      .execute();
    expect(blobs).toHaveLength(1);
    expect(storedFiles().filter((p) => p.endsWith(first.body.sha256))).toHaveLength(1);
  });

  it("refuses an oversized upload with 413 and keeps nothing of it", async () => {
    const head = await login("head");
    const files = storedFiles();
    const count = async () =>
      Number(
        (
          await server.services.db
            .selectFrom("evidence_files")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rows = await count();
    const big = Buffer.concat([pdf("big"), Buffer.alloc(100 * 1024, 0x41)]);
    const response = await upload(head, { name: "big.pdf", content: big });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("payload_too_large");
    expect(await count()).toBe(rows);
    expect(storedFiles()).toEqual(files);
  });

  it("lets only those who may see the self-evaluation download, and those who may edit delete", async () => {
    const head = await login("head");
    const uploaded = await upload(head, { name: "会议纪要.pdf", content: pdf("会议纪要") }, "B1.1");
    const url = `/evidence/${uploaded.body.id}`;
    expect((await (await login("reviewer")).get(url)).status).toBe(200);
    expect((await (await login("organiser")).get(url)).status).toBe(200);
    expect((await (await login("otherhead")).get(url)).status).toBe(403);
    expect((await (await login("otherhead")).delete(url)).status).toBe(403);
    expect((await (await login("reviewer")).delete(url)).status).toBe(403);
    const dept = await login("dept");
    const notAssigned = await upload(dept, { name: "x.pdf", content: pdf("x") }, "B1.1");
    expect(notAssigned.status).toBe(403);
    expect((await head.delete(url)).status).toBe(204);
    expect((await head.get(url)).status).toBe(404);
    const unknownIndicator = await upload(head, { name: "x.pdf", content: pdf("x") }, "Z9");
    expect(unknownIndicator.status).toBe(400);
  });
});
