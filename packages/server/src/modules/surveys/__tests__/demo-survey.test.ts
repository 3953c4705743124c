/** The demo's survey step on top of the demo's organisations and users: its results, worked by hand. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoSurveys } from "../../../demo/demo-surveys.js";
import { DEMO_STEPS, loadDemo } from "../../../demo/load-demo.js";
import { ApiClient } from "../../../http/in-process-client.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await loadDemo(server.services, server.app, [...DEMO_STEPS.slice(0, 2), demoSurveys]);
}, 120_000);
afterAll(() => server.close());

it("leaves a survey with answers for two schools and none for the third", async () => {
  const organiser = await ApiClient.login(server.app, "dudao", "kaoping-demo");
  const campaigns = await organiser.get("/campaigns");
  const campaign = campaigns.body.items.find((c: { name: string }) => c.name.includes("所属学校绩效考核"));
  const [survey] = (await organiser.get(`/campaigns/${campaign.id}/surveys`)).body.items;
  expect(survey).toMatchObject({ issued: 180, responses: 90 });
  const results = (await organiser.get(`/surveys/${survey.id}/results`)).body.items;
  const byCode = Object.fromEntries(results.map((r: { code: string }) => [r.code, r]));
  // P01: 50 of 60; satisfied 24+6 + 10+4 + 2+1 = 47 → 94.00%; C: (0.94 − 0.75) / 0.25 × 20 = 15.20.
  expect(byCode.P01).toMatchObject({
    responses: 50,
    validRate: "83.33",
    belowMinRate: false,
    quotasMet: true,
  });
  expect(byCode.P01.questions[0]).toMatchObject({ valid: 50, rate: "94.00" });
  expect(byCode.P01.indicator.score).toMatchObject({ ok: true, score: "15.20" });
  // J01: 40 of 60 = 66.67% < 80%; satisfied 14+8 + 6+4 + 1+1 = 34 → 85.00%; C: 0.10 / 0.25 × 20 = 8.00.
  expect(byCode.J01).toMatchObject({ responses: 40, validRate: "66.67", belowMinRate: true });
  expect(byCode.J01.questions[0]).toMatchObject({ rate: "85.00" });
  expect(byCode.J01.indicator.score).toMatchObject({ ok: true, score: "8.00" });
  expect(byCode.P02).toMatchObject({ issued: 60, responses: 0 });
});
