/**
 * The demo's satisfaction survey (满意度调查): 县教育局 appraises three of its schools as 事业单位 on the bundled S8
 * scheme (市直事业单位绩效考核), whose 社会评价 indicator C is fed by a 家长/教师/社会人士 survey. Links are issued
 * through the API as the organiser and answered through the same use case as the public page: 城关镇第一小学 50
 * of 60, 城关镇第一中学 40 of 60 (below the 80% minimum), 城关镇第二小学 none yet.
 */
import { submitAnswers } from "../modules/surveys/answer-survey.js";
import type { DemoStep } from "./load-demo.js";
import { bundledScheme, expectBody } from "./scripted-campaign.js";

const ORGANISER = "dudao";
const SCHOOLS = ["P01", "P02", "J01"] as const;

/** Per school and group, how many answered 满意 (MY), 基本满意 (JBMY) and 不满意 (BMY). */
const ANSWERS: Record<string, Record<string, [my: number, jbmy: number, bmy: number]>> = {
  P01: { parents: [24, 6, 2], teachers: [10, 4, 0], public: [2, 1, 1] },
  J01: { parents: [14, 8, 4], teachers: [6, 4, 1], public: [1, 1, 1] },
};
const LEVELS = ["MY", "JBMY", "BMY"] as const;
const WISHES = ["希望增加课后服务时间", "建议改善学校周边交通秩序", "希望多开展家校沟通活动", ""];

export const demoSurveys: DemoStep = {
  name: "S8 satisfaction survey",
  async run(context) {
    const driver = "survey demo";
    const organiser = await context.signIn(ORGANISER);
    const year = context.services.clock.now().getFullYear();
    const at = (days: number) =>
      new Date(context.services.clock.now().getTime() + days * 86_400_000).toISOString();
    const version = expectBody<{ id: string }>(
      driver,
      "import S8",
      await organiser.post("/schemes", {
        ownerId: context.organisation("JYJ").id,
        source: bundledScheme("s08-institution-performance").source(),
        format: "yaml",
      }),
      201,
    );
    const campaign = expectBody<{ id: string; version: number }>(
      driver,
      "create the campaign",
      await organiser.post("/campaigns", {
        organiserId: context.organisation("JYJ").id,
        name: `${year}年度县教育局所属学校绩效考核`,
        year,
        schemeVersionId: version.id,
        stages: [
          { stage: "self_evaluation", deadline: at(30) },
          { stage: "review", deadline: at(50) },
          { stage: "grading", deadline: at(60) },
        ],
        units: SCHOOLS.map((code) => ({ organisationId: context.organisation(code).id, category: "JY" })),
      }),
      201,
    );
    expectBody(
      driver,
      "start",
      await organiser.post(`/campaigns/${campaign.id}/start`, { version: campaign.version }),
    );
    const indicators = expectBody<{ items: Array<{ code: string; levels: unknown[] }> }>(
      driver,
      "satisfaction indicators",
      await organiser.get(`/campaigns/${campaign.id}/satisfaction-indicators`),
    );
    const survey = expectBody<{ id: string }>(
      driver,
      "create the survey",
      await organiser.post(`/campaigns/${campaign.id}/surveys`, {
        definition: {
          title: "学校办学满意度调查",
          intro: "为了解社会各界对学校办学的评价，特开展本次调查。问卷匿名填写，请根据实际情况作答。",
          questions: [
            {
              code: "Q1",
              type: "likert",
              text: "您对学校办学的总体评价",
              levels: indicators.items[0]!.levels,
            },
            {
              code: "Q2",
              type: "multiple",
              text: "您认为学校在哪些方面做得较好？",
              required: false,
              options: [
                { code: "a", text: "教育教学质量" },
                { code: "b", text: "师德师风" },
                { code: "c", text: "校园安全" },
                { code: "d", text: "家校沟通" },
              ],
            },
            { code: "Q3", type: "text", text: "您对学校工作的意见和建议", required: false },
          ],
          groups: [
            { code: "parents", name: "家长", minShare: "0.5" },
            { code: "teachers", name: "教师", minShare: "0.2" },
            { code: "public", name: "社会人士", minShare: "0" },
          ],
          sample: { minimum: 60, perMille: "1.5", populationField: null },
          minValidRate: "0.8",
          keyQuestion: "Q1",
          indicatorCode: indicators.items[0]!.code,
        },
        units: SCHOOLS.map((code) => ({ organisationId: context.organisation(code).id })),
      }),
      201,
    );
    // 60 links a school: 家长 30 + 6, 教师 12 + 6, 社会人士 0 + 6.
    const issued = expectBody<{ items: Array<{ organisationId: string; groupCode: string; url: string }> }>(
      driver,
      "issue links",
      await organiser.post(`/surveys/${survey.id}/tokens`, {}),
      201,
    );
    let n = 0;
    for (const [school, groups] of Object.entries(ANSWERS)) {
      for (const [group, counts] of Object.entries(groups)) {
        const links = issued.items.filter(
          (l) => l.organisationId === context.organisation(school).id && l.groupCode === group,
        );
        const levels = counts.flatMap((count, i) => Array.from({ length: count }, () => LEVELS[i]!));
        for (const [i, level] of levels.entries()) {
          n += 1;
          const token = links[i]!.url.slice(links[i]!.url.lastIndexOf("/") + 1);
          await submitAnswers(context.services, token, {
            Q1: level,
            Q2: n % 3 === 0 ? ["a", "c"] : ["b"],
            Q3: WISHES[n % WISHES.length]!,
          });
        }
      }
    }
  },
};
