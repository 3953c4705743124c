/**
 * An S3 (县域义务教育发展基本均衡) campaign's 公众满意度 survey: linked to C4, answered through the public routes
 * by eight respondents of one county, the rates checked by hand, a used link refused, the response rows checked
 * for anything that could lead back to a link, and the answers fed to C4.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import { loadFedValues } from "../../feeds/load-fed-values.js";
import {
  bundledSchemeSource,
  seedCampaign,
  seedSchemeVersion,
  seedUnit,
} from "../../review/__tests__/campaign-fixture.js";
import { hashToken } from "../survey-tokens.js";

let server: TestServer;
let organiser: ApiClient;
let viewer: ApiClient;
let unitHead: ApiClient;
let anonymous: ApiClient;
let countyA: SeededOrganisation;
let countyB: SeededOrganisation;
let campaignId: string;
let surveyId: string;
let links: Array<{ organisationId: string; groupCode: string; url: string }>;

const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

function definition(levels: unknown) {
  return {
    title: "县域义务教育公众满意度调查",
    intro: "本问卷匿名填写。",
    questions: [
      { code: "Q1", type: "likert", text: "您对本县义务教育均衡发展总体是否满意？", levels },
      {
        code: "Q2",
        type: "multiple",
        text: "您认为最需要改进的方面",
        options: [
          { code: "a", text: "师资配备" },
          { code: "b", text: "校舍设施" },
        ],
        required: false,
      },
      { code: "Q3", type: "text", text: "意见和建议", required: false },
    ],
    groups: [
      { code: "parents", name: "家长", minShare: "0.5" },
      { code: "teachers", name: "教师", minShare: "0.2" },
      { code: "others", name: "社会人士", minShare: "0" },
    ],
    keyQuestion: "Q1",
    indicatorCode: "C4",
  };
}

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  const province = await seedOrganisation(s, { code: "PROV", name: "省教育督导室" });
  countyA = await seedOrganisation(s, { parent: province, code: "CA", name: "青山县" });
  countyB = await seedOrganisation(s, { parent: province, code: "CB", name: "绿水县" });
  await seedUser(s, {
    username: "dudao",
    organisation: province,
    grants: [{ role: "organiser", organisation: province }],
  });
  await seedUser(s, {
    username: "leader",
    organisation: province,
    grants: [{ role: "viewer", organisation: province }],
  });
  await seedUser(s, {
    username: "ca.head",
    organisation: countyA,
    grants: [{ role: "unit_head", organisation: countyA }],
  });
  const version = await seedSchemeVersion(s, province, bundledSchemeSource("s03-balanced-education"));
  campaignId = await seedCampaign(s, {
    organiser: province,
    schemeVersionId: version,
    year: 2026,
    stages: [{ stage: "self_evaluation", open: true }, { stage: "review" }],
  });
  // 青山县 entered 5,230 graduates in its self-evaluation (a survey below reads its population from that field).
  await seedUnit(s, campaignId, countyA, { status: "draft", data: { cohort_graduates: 5_230 } });
  await seedUnit(s, campaignId, countyB, { status: "draft" });
  organiser = await ApiClient.login(server.app, "dudao");
  viewer = await ApiClient.login(server.app, "leader");
  unitHead = await ApiClient.login(server.app, "ca.head");
  anonymous = ApiClient.anonymous(server.app);
}, 60_000);
afterAll(() => server.close());

describe("building a survey", () => {
  it("refuses a key question whose levels do not correspond to the indicator, naming the level", async () => {
    const res = await organiser.post(`/campaigns/${campaignId}/surveys`, {
      definition: definition([
        { code: "satisfied", name: "满意", points: 4, satisfied: true },
        { code: "fairly", name: "比较满意", points: 3, satisfied: false },
        { code: "not-very", name: "不太满意", points: 2, satisfied: false },
        { code: "unsatisfied", name: "不满意", points: 1, satisfied: false },
      ]),
      units: [{ organisationId: countyA.id }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      {
        path: "body.definition.questions.0.levels.fairly",
        message: "比较满意 counts as satisfied in the indicator",
      },
    ]);
    expect(res.body.error.message.zh).toContain("fairly");
  });

  it("lets only the campaign's organisers create one, from the indicator's answers", async () => {
    const indicators = await organiser.get(`/campaigns/${campaignId}/satisfaction-indicators`);
    expect(indicators.body.items.map((i: { code: string }) => i.code)).toEqual(["C4"]);
    const body = {
      definition: definition(indicators.body.items[0].levels),
      units: [
        { organisationId: countyA.id, population: 523_456 },
        { organisationId: countyB.id, population: null },
      ],
    };
    expect((await unitHead.post(`/campaigns/${campaignId}/surveys`, body)).status).toBe(403);
    const created = await organiser.post(`/campaigns/${campaignId}/surveys`, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    surveyId = created.body.id;
    expect((await viewer.get(`/campaigns/${campaignId}/surveys`)).body.items).toHaveLength(1);
  });
});

describe("answering through one-time links", () => {
  it("issues links per group, by count or by the sample size shared by quotas", async () => {
    const issued = await organiser.post(`/surveys/${surveyId}/tokens`, {
      organisationIds: [countyA.id],
      counts: { parents: 6, teachers: 2, others: 2 },
    });
    expect(issued.status).toBe(201);
    links = issued.body.items;
    expect(links).toHaveLength(10);
    expect(links[0]!.url).toMatch(/^http:\/\/localhost(:\d+)?\/s\/[A-Za-z0-9_-]{22}$/);
    // 绿水县 has no population: 600, as 家长 ⌈0.5×600⌉ = 300 + 60, 教师 120 + 60, 社会人士 0 + 60.
    const byQuota = await organiser.post(`/surveys/${surveyId}/tokens`, { organisationIds: [countyB.id] });
    const perGroup = (code: string) =>
      byQuota.body.items.filter((t: { groupCode: string }) => t.groupCode === code).length;
    expect([perGroup("parents"), perGroup("teachers"), perGroup("others")]).toEqual([360, 180, 60]);
  });

  it("shows the questionnaire without signing in and takes one response per link", async () => {
    const first = tokenOf(links[0]!.url);
    const page = await anonymous.get(`/public/surveys/${first}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      title: "县域义务教育公众满意度调查",
      unitName: "青山县",
      groupName: "家长",
      used: false,
    });

    // 家长: 满意 ×3, 比较满意 ×2, 不太满意 ×1; 教师: 满意, 不满意; 社会人士: none (two links unused).
    const answers = [
      "satisfied",
      "satisfied",
      "satisfied",
      "fairly",
      "fairly",
      "not-very",
      "satisfied",
      "unsatisfied",
    ];
    const parentsAndTeachers = links.filter((l) => l.groupCode !== "others");
    for (const [i, level] of answers.entries()) {
      const res = await anonymous.post(`/public/surveys/${tokenOf(parentsAndTeachers[i]!.url)}`, {
        answers: { Q1: level, Q2: i % 2 === 0 ? ["a"] : [], Q3: i === 0 ? "希望增加音体美教师" : "" },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const again = await anonymous.post(`/public/surveys/${first}`, { answers: { Q1: "satisfied" } });
    expect(again.status).toBe(409);
    expect(again.body.error.message.zh).toBe("该问卷链接已提交过，每个链接只能提交一次");
    expect((await anonymous.get(`/public/surveys/${first}`)).body.used).toBe(true);
  });

  it("refuses an incomplete response or an unknown link and leaves the link unused", async () => {
    const spare = tokenOf(links.find((l) => l.groupCode === "others")!.url);
    const missing = await anonymous.post(`/public/surveys/${spare}`, { answers: { Q2: ["z"] } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([
      { path: "body.answers.Q1", message: "this question must be answered" },
      { path: "body.answers.Q2", message: "no option z" },
    ]);
    expect((await anonymous.get(`/public/surveys/${spare}`)).body.used).toBe(false);
    expect((await anonymous.get("/public/surveys/AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
  });

  it("keeps nothing in a response that leads back to its link", async () => {
    const rows = await server.services.db.selectFrom("survey_responses").selectAll().execute();
    expect(rows).toHaveLength(8);
    expect(Object.keys(rows[0]!).sort()).toEqual([
      "answers",
      "group_code",
      "id",
      "organisation_id",
      "survey_id",
    ]);
    const stored = JSON.stringify(rows);
    for (const link of links) {
      expect(stored).not.toContain(tokenOf(link.url));
      expect(stored).not.toContain(hashToken(tokenOf(link.url)));
    }
    const tokens = await server.services.db.selectFrom("survey_tokens").selectAll().execute();
    expect(JSON.stringify(tokens)).not.toContain(tokenOf(links[0]!.url));
  });

  it("no longer changes once answered", async () => {
    const survey = await organiser.get(`/surveys/${surveyId}`);
    const res = await organiser.put(`/surveys/${surveyId}`, {
      definition: survey.body.definition,
      units: [{ organisationId: countyA.id }],
      version: survey.body.version,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("locked");
  });
});

describe("results and the fed indicator", () => {
  it("gives rates, means and quotas per unit and group, worked by hand", async () => {
    expect((await unitHead.get(`/surveys/${surveyId}/results`)).status).toBe(403);
    const res = await viewer.get(`/surveys/${surveyId}/results`);
    expect(res.status).toBe(200);
    const [a, b] = res.body.items;
    // 青山县: 523,456 residents → ⌈1.5‰ × 523,456⌉ = ⌈785.184⌉ = 786; 8 of 10 links answered = 80.00% (not below 80%).
    expect(a).toMatchObject({
      name: "青山县",
      sampleSize: 786,
      issued: 10,
      responses: 8,
      validRate: "80.00",
    });
    expect(a).toMatchObject({ belowMinRate: false, belowSampleSize: true, quotasMet: true });
    // 满意 4, 比较满意 2, 不太满意 1, 不满意 1: satisfied 6/8 = 75.00%; (4×4 + 2×3 + 1×2 + 1×1)/8 = 25/8 = 3.125 → 3.13.
    expect(a.questions[0]).toMatchObject({ valid: 8, satisfiedCount: 6, rate: "75.00", mean: "3.13" });
    // 家长 6/8 = 75.00% ≥ 50%: (3×4 + 2×3 + 2)/6 = 20/6 = 3.333… → 3.33, 5/6 = 83.33%; 教师 2/8 = 25.00% ≥ 20%.
    expect(a.groups[0]).toMatchObject({ responses: 6, share: "75.00", minShare: "50.00", quotaMet: true });
    expect(a.groups[0].questions[0]).toMatchObject({ rate: "83.33", mean: "3.33" });
    expect(a.groups[1]).toMatchObject({ responses: 2, share: "25.00", quotaMet: true });
    // C4 scores 20 at a rate of 85% or more, else 0: 75% gives 0.
    expect(a.indicator).toEqual({
      answers: { satisfied: 4, fairly: 2, "not-very": 1, unsatisfied: 1 },
      score: { ok: true, score: "0.00", max: "20.00", value: "0.75" },
    });
    // 绿水县: 600 links, no response yet: flagged below the minimum rate (0 < 80% × 600).
    expect(b).toMatchObject({
      sampleSize: 600,
      issued: 600,
      responses: 0,
      validRate: "0.00",
      belowMinRate: true,
    });
  });

  it("feeds C4 the answer counts with where they came from; a unit without answers gets nothing", async () => {
    const fed = await loadFedValues(server.services.db, campaignId);
    expect(fed.get(countyA.id)?.scores).toEqual({
      C4: { answers: { satisfied: 4, fairly: 2, "not-very": 1, unsatisfied: 1 } },
    });
    expect(fed.get(countyA.id)?.origins.C4).toBe("满意度调查“县域义务教育公众满意度调查”：有效问卷 8 份");
    expect(fed.get(countyB.id)?.scores.C4).toBeUndefined();
  });

  it("prints a QR sheet of fresh links as a Word document", async () => {
    const res = await organiser.request("POST", `/surveys/${surveyId}/tokens/sheet`, {
      organisationIds: [countyA.id],
      counts: { parents: 2, teachers: 1 },
    });
    expect(res.status).toBe(200);
    expect(String(res.headers["content-type"])).toContain("wordprocessingml");
    expect(res.raw.subarray(0, 2).toString()).toBe("PK");
    const survey = await organiser.get(`/surveys/${surveyId}`);
    expect(survey.body.issued).toBe(10 + 600 + 3);
  });
});

describe("a population read from the scheme's base data", () => {
  it("sizes each unit's sample from its self-evaluation's field, not from a typed population", async () => {
    const unlinked = (populationField: string) => ({
      ...definition(null),
      questions: [{ code: "Q1", type: "text", text: "您对本校毕业班工作有何建议？" }],
      keyQuestion: null,
      indicatorCode: null,
      sample: { minimum: 5, perMille: "1.5", populationField },
    });
    const units = [
      { organisationId: countyA.id, population: 523_456 },
      { organisationId: countyB.id, population: 100_000 },
    ];
    const unknown = await organiser.post(`/campaigns/${campaignId}/surveys`, {
      definition: unlinked("residents"),
      units,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe("body.definition.sample.populationField");
    const created = await organiser.post(`/campaigns/${campaignId}/surveys`, {
      definition: unlinked("cohort_graduates"),
      units,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const [a, b] = (await viewer.get(`/surveys/${created.body.id}/results`)).body.items;
    // 青山县: 5,230 from the field → ⌈1.5‰ × 5,230⌉ = ⌈7.845⌉ = 8 (the typed 523,456 would have given 786).
    expect(a).toMatchObject({ name: "青山县", population: 5_230, sampleSize: 8 });
    // 绿水县 entered no value: no population, so the minimum 5 (the typed 100,000 would have given 150).
    expect(b).toMatchObject({ name: "绿水县", population: null, sampleSize: 5 });
  });
});
