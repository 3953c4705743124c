/**
 * The demo's 整改 step on last year's S4 appraisal: four items in different states, one overdue and escalated to
 * the organiser's to-dos, one reported and waiting for verification.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_CAMPAIGNS } from "../../../demo/demo-campaigns.js";
import { demoRectification } from "../../../demo/demo-rectification.js";
import { DEMO_STEPS, loadDemo } from "../../../demo/load-demo.js";
import { ApiClient } from "../../../http/in-process-client.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await loadDemo(server.services, server.app, [
    ...DEMO_STEPS.slice(0, 2),
    DEMO_CAMPAIGNS[0]!,
    demoRectification,
  ]);
}, 300_000);
afterAll(() => server?.close());

it("leaves items closed, in progress, reported and overdue, and the overdue one escalated", async () => {
  const organiser = await ApiClient.login(server.app, "kaopingban", "kaoping-demo");
  const campaigns = await organiser.get("/campaigns?status=published");
  const [campaign] = campaigns.body.items;
  const list = await organiser.get(`/campaigns/${campaign.id}/rectification-items`);
  const states = list.body.items.map((i: { organisationCode: string; status: string; overdue: boolean }) => [
    i.organisationCode,
    i.status,
    i.overdue,
  ]);
  // Overdue first, then by deadline: T03 (−10 days), T02 (15), T01 funds (20, closed), T01 openness (45).
  expect(states).toEqual([
    ["T03", "pending", true],
    ["T02", "reported", false],
    ["T01", "closed", false],
    ["T01", "in_progress", false],
  ]);
  const closed = await organiser.get(`/rectification-items/${list.body.items[2].id}`);
  expect(closed.body.history.map((h: { verdict: string | null }) => h.verdict).filter(Boolean)).toEqual([
    "failed",
    "passed",
  ]);
  expect(closed.body.evidence).toHaveLength(2);
  const tasks = await organiser.get("/me/tasks?limit=500");
  const kinds = tasks.body.items
    .filter((t: { kind: string }) => t.kind.startsWith("rectification"))
    .map((t: { kind: string; title: string }) => [t.kind, t.title]);
  expect(kinds).toEqual([
    ["rectification_overdue", "逾期未整改：龙泉乡工会工作委员会"],
    ["rectification_verification", "整改验证：石桥镇工会工作委员会已报告整改完成"],
  ]);
});
