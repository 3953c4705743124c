// npm run bench:documents — documents and workbooks. Figures are printed, not asserted: machines here are shared
// and noisy. Each part is its own function; main() runs them in turn.
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pipeline } from "node:stream/promises";
import { evaluateUnits, explainUnit, parseScheme } from "@kaoping/core";
import { buildSelfEvaluationReport, documentKind } from "@kaoping/server/documents";
import ExcelJS from "exceljs";
import { importTableWorkbook } from "../packages/server/dist/modules/workbooks/table-workbooks.js";
import { seedOrganisation, seedUser } from "../packages/server/dist/testing/fixtures.js";
import { startTestServer } from "../packages/server/dist/testing/test-services.js";
import { parserHeapChannel, startTableParser } from "../packages/server/dist/workbooks/table-parser.js";
import { tableWorkbookStream } from "../packages/server/dist/workbooks/table-workbook.js";

const REPORTS = Number(process.env.BENCH_REPORTS ?? 240);

/**
 * 自评报告 per second: the S7 demo's twelve schools (the bundled scheme and units.json, with narratives, report
 * text and evidence names as the demo files them) scored and turned into report models once, then each model built
 * into a .docx in the house style, round robin, REPORTS times. Target ≥ 20 reports/s.
 */
async function selfEvaluationReportsPerSecond() {
  const folder = new URL("../schemes/s07-standard-school/", import.meta.url);
  const load = parseScheme(readFileSync(new URL("scheme.yaml", folder), "utf8"));
  if (!load.ok) throw new Error("S7 scheme does not load");
  const plan = load.scheme;
  const units = JSON.parse(readFileSync(new URL("units.json", folder), "utf8"));
  const narrative = "教学常规管理规范，课堂教学质量稳步提高，学业质量监测达到县平均水平以上。";
  const models = units.map((u) => {
    const evaluation = evaluateUnits(
      plan,
      [{ unit: u.unit, name: u.name, category: u.category, data: u.data, scores: u.scores }],
      {
        trace: true,
      },
    );
    const ctx = {
      campaign: { name: "2026年义务教育标准化学校评估验收", year: 2026, scheme: plan },
      unit: { code: u.unit, name: u.name, category: u.category, role: "evaluated" },
      evaluation: {
        report: {
          基本情况: `${u.name}对照《义务教育阶段学校办学基本标准》和评分细则逐项自评。`,
          存在问题: "部分功能教室使用率不高，教师继续教育有待加强。",
        },
        submittedAt: null,
      },
    };
    return buildSelfEvaluationReport({
      ctx,
      organiserName: "县教育局",
      explanation: explainUnit(evaluation, u.unit),
      narratives: new Map(Object.keys(u.scores).map((code) => [code, narrative])),
      evidence: Object.keys(u.scores)
        .slice(0, 8)
        .map((code) => ({ indicatorCode: code, name: `${u.unit}${code}佐证材料.pdf` })),
      date: new Date("2026-04-15T02:00:00Z"),
    });
  });
  const kind = documentKind("self_evaluation_report");
  for (const model of models.slice(0, 3)) await kind.houseStyle(model); // warm-up
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < REPORTS; i++) bytes += (await kind.houseStyle(models[i % models.length])).length;
  const seconds = (performance.now() - started) / 1000;
  const perSecond = REPORTS / seconds;
  console.log(
    `自评报告 (house style, S7 models, ${models[0].indicators.length} indicator rows each): ${REPORTS} reports in ${seconds.toFixed(2)} s = ${perSecond.toFixed(1)} reports/s ` +
      `(target ≥ 20/s: ${perSecond >= 20 ? "met" : "NOT met"}); ${(bytes / REPORTS / 1024).toFixed(1)} KiB each; ` +
      `heap +${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)} MiB`,
  );
}

const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const TABLE_SCHEME = `
code: bench-schools
name: 学校情况调查
version: "2026"
issuer: 基准测试
indicators:
  - { code: A1, name: 学校建设, max: 10, method: { type: manual } }
tables:
  - code: S1
    name: 学校基本情况表
    columns:
      - { code: name, name: 学校名称, type: text, required: true }
      - { code: students, name: 在校生数, type: integer, unit: 人, min: 0, required: true }
      - { code: teachers, name: 专任教师数, type: integer, unit: 人, min: 0 }
      - { code: area, name: 校舍面积, type: number, unit: 平方米, min: 0 }
`;

/** A campaign with one unit filling the free-row table S1, written straight to the test server's database. */
async function seedTableCampaign(services) {
  const db = services.db;
  const city = await seedOrganisation(services, { code: "bench-city", name: "基准市", kind: "市" });
  const county = await seedOrganisation(services, {
    parent: city,
    code: "bench-county",
    name: "基准县",
    kind: "县",
  });
  const userId = await seedUser(services, {
    username: "bench",
    grants: [{ role: "admin", organisation: null }],
  });
  const load = parseScheme(TABLE_SCHEME);
  if (!load.ok) throw new Error("the bench scheme does not load");
  const scheme = await db
    .insertInto("schemes")
    .values({ code: "bench-schools", name: "学校情况调查", owner_id: city.id })
    .returning("id")
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto("scheme_versions")
    .values({
      scheme_id: scheme.id,
      label: "v1",
      format: "yaml",
      source: TABLE_SCHEME,
      definition: JSON.stringify(load.scheme.definition),
      source_hash: "bench",
      frozen: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const campaign = await db
    .insertInto("campaigns")
    .values({
      organiser_id: city.id,
      name: "基准测试",
      year: 2026,
      scheme_version_id: version.id,
      status: "running",
      settings: "{}",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("campaign_stages")
    .values({
      campaign_id: campaign.id,
      stage: "self_evaluation",
      position: 1,
      opened_at: new Date("2026-01-01"),
    })
    .execute();
  await db
    .insertInto("campaign_units")
    .values({ campaign_id: campaign.id, organisation_id: county.id })
    .execute();
  await db
    .insertInto("self_evaluations")
    .values({ campaign_id: campaign.id, organisation_id: county.id, report: "{}", data: "{}", bonus: "{}" })
    .execute();
  const actor = {
    userId,
    username: "bench",
    displayName: "bench",
    organisationId: null,
    grants: [{ role: "admin", organisationId: null, path: null }],
  };
  return { actor, campaignId: campaign.id, organisationId: county.id, table: load.scheme.tables.get("S1") };
}

function* schoolRows(count) {
  for (let i = 0; i < count; i++)
    yield [
      `5304${String(i).padStart(7, "0")}`,
      {
        name: `第${i}小学（${["城关", "因远", "澧江"][i % 3]}片区）`,
        students: 100 + (i % 2000),
        teachers: 8 + (i % 90),
        area: 1000.5 + i,
      },
    ];
}

/**
 * Time and the peaks of the JS heap, of the heap with array buffers (Buffers hold batches and stream chunks off the
 * heap; on PGlite they also hold the database's own WebAssembly memory) and of RSS, above where they stood before
 * `work`, sampled every 5 ms after a GC.
 */
async function measured(work) {
  globalThis.gc?.();
  const base = process.memoryUsage();
  const of = (m) => ({ heap: m.heapUsed, buffers: m.heapUsed + m.arrayBuffers, rss: m.rss });
  const start = of(base);
  const peak = { ...start };
  const sample = () => {
    const now = of(process.memoryUsage());
    for (const key of Object.keys(peak)) peak[key] = Math.max(peak[key], now[key]);
  };
  // The import reads the file on a thread of its own, whose heap this thread cannot sample: the parser reports
  // its peak growth, added whole to this thread's peak (an upper bound, as the two peaks need not coincide).
  let parserHeap = 0;
  const onParser = (message) => {
    parserHeap = Math.max(parserHeap, message.heapGrowth);
  };
  parserHeapChannel.subscribe(onParser);
  const sampler = setInterval(sample, 5);
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  parserHeapChannel.unsubscribe(onParser);
  sample();
  return {
    result,
    seconds,
    heap: peak.heap - start.heap + parserHeap,
    buffers: peak.buffers - start.buffers + parserHeap,
    rss: peak.rss - start.rss,
    parserHeap,
  };
}

/** exceljs's streaming reader on its own, touching every cell of every sheet: the baseline. */
async function bareStreamingRead(file) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  let cells = 0;
  for await (const sheet of reader)
    for await (const row of sheet)
      row.values.forEach((value) => {
        if (value !== undefined) cells++;
      });
  return cells;
}

/**
 * Importing a 100,000-row base-data table: the table's own workbook written with the streaming writer (our
 * template export with its current rows), then in the same process (a) a bare streaming read of the file by exceljs
 * touching every cell and (b) our import of it (the whole use case: streaming read, row checks, batched writes in
 * one transaction, commit) into the test server's database (in-memory PGlite, or PostgreSQL when DATABASE_URL is
 * set), each measured the same way by measured(). Target: (b) ≤ 2 × (a) in time and in peak memory (the heap, and the heap with
 * array buffers). On PGlite the database runs inside this process, so (b)'s RSS also holds the stored rows.
 */
async function baseDataImportAgainstBareRead() {
  const server = await startTestServer();
  const dir = mkdtempSync(join(tmpdir(), "kaoping-bench-"));
  try {
    const seeded = await seedTableCampaign(server.services);
    const file = join(dir, "s1.xlsx");
    const written = await measured(() =>
      pipeline(
        tableWorkbookStream({
          table: seeded.table,
          campaignName: "基准测试",
          unitName: "基准县",
          rows: schoolRows(IMPORT_ROWS),
          meta: {
            kind: "table",
            campaignId: seeded.campaignId,
            organisationId: seeded.organisationId,
            evaluationVersion: 1,
            items: new Map(),
            tables: new Map([["S1", 0]]),
          },
        }),
        createWriteStream(file),
      ),
    );
    const size = statSync(file).size / 2 ** 20;
    console.log(
      `基础数据表 workbook: ${IMPORT_ROWS} rows written (streaming writer) in ${written.seconds.toFixed(2)} s, ${size.toFixed(1)} MiB`,
    );
    // A running server on PGlite has started the import's parsing thread (start-server.ts); so does this one.
    if (process.env.DATABASE_URL === undefined) await startTableParser();
    const bare = await measured(() => bareStreamingRead(file));
    const importFile = () =>
      importTableWorkbook(
        server.services,
        seeded.actor,
        seeded.campaignId,
        seeded.organisationId,
        "S1",
        createReadStream(file),
      );
    const ours = await measured(importFile);
    if (ours.result.rowsWritten !== IMPORT_ROWS) throw new Error(`imported ${JSON.stringify(ours.result)}`);
    const again = await measured(importFile);
    const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    const line = (label, m) =>
      `  ${label}: ${m.seconds.toFixed(2)} s, peak heap +${mib(m.heap)}` +
      (m.parserHeap > 0 ? ` (of which the parsing thread +${mib(m.parserHeap)})` : "") +
      `, heap and buffers +${mib(m.buffers)}, RSS +${mib(m.rss)}`;
    console.log(
      `  database: ${process.env.DATABASE_URL === undefined ? "PGlite (in memory, in this process)" : "PostgreSQL"}`,
    );
    console.log(line(`(a) bare exceljs streaming read (${bare.result} cells)`, bare));
    console.log(
      line(`(b) import (${ours.result.rowsWritten} rows written, version ${ours.result.version})`, ours),
    );
    console.log(
      line(
        `    same file again (${again.result.rowsWritten} written, ${again.result.rowsUnchanged} unchanged)`,
        again,
      ),
    );
    // A bare read whose figure did not move at all gives no ratio.
    const ratio = (key) => (bare[key] > 0 ? ours[key] / bare[key] : null);
    const verdict = (key) => {
      const r = ratio(key);
      return r === null ? "—" : `${r.toFixed(2)} (${r <= 2 ? "met" : "NOT met"})`;
    };
    console.log(
      `  ratios (b)/(a), target ≤ 2: time ${verdict("seconds")}, peak heap ${verdict("heap")}, ` +
        `heap and buffers ${verdict("buffers")}; RSS ${ratio("rss")?.toFixed(2) ?? "—"} (not a target: the bare read's RSS hardly moves)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

async function main() {
  await selfEvaluationReportsPerSecond();
  await baseDataImportAgainstBareRead();
}

await main();
