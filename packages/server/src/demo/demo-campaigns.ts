/**
 * The demo's campaigns, played through the API by the demo users themselves (so the audit trail shows who did
 * what): last year's S4 trade-union appraisal, finished and published; this year's S4 in its review stage, raters
 * scoring; and this year's S7 school standardisation acceptance with the schools filling their self-evaluations.
 */
import { driveS4, type S4State } from "./drive-s4.js";
import { driveS7, S7_DEPARTMENT } from "./drive-s7.js";
import type { DemoContext, DemoStep } from "./load-demo.js";

/** The demo's existing users who play parts in S4 (heads of member unions rate as 其他申报单位主要负责人). */
const S4_CAST: Record<string, string> = {
  T01: "t01.head",
  T02: "t02.head",
  T03: "t03.head",
  D01: "d01.head",
  县总工会主席: "zgh.chair",
  县总工会常务副主席: "zgh.vicechair",
  县总工会办公室主任: "zgh.office",
  县总工会组织部部长: "zgh.organising",
};

/** Everyone a first S4 run cast or created, so a second campaign reuses them. */
function castOf(state: S4State): Record<string, string> {
  return {
    ...Object.fromEntries(Object.values(state.unions).map((u) => [u.code, u.head])),
    ...Object.fromEntries(Object.values(state.raters).map((r) => [r.title, r.username])),
  };
}

/** Last year's appraisal, published; then this year's on the same scheme version, its raters scoring now. */
const s4Campaigns: DemoStep = {
  name: "S4 campaigns",
  async run(context) {
    const year = context.services.clock.now().getFullYear();
    const federation = { id: context.organisation("ZGH").id, organiser: "kaopingban" };
    const lastYear = await driveS4({
      ...common(context),
      year: year - 1,
      federation,
      users: S4_CAST,
      until: "published",
    });
    const thisYear = await driveS4({
      ...common(context),
      year,
      federation,
      users: castOf(lastYear.state),
      schemeVersionId: lastYear.state.schemeVersionId,
      returned: null,
      objection: null,
      until: "review",
    });
    const created = Object.values(thisYear.state.raters).filter(
      (r) => !Object.values(S4_CAST).includes(r.username),
    );
    for (const rater of created.slice(0, 2)) {
      context.logins.push({
        role: "reviewer",
        username: rater.username,
        displayName: rater.title,
        organisation: "青山县总工会",
      });
    }
  },
};

const s7ThisYear: DemoStep = {
  name: "S7 this year, self-evaluation",
  async run(context) {
    const driver = await driveS7({
      ...common(context),
      year: context.services.clock.now().getFullYear(),
      parentId: context.organisation("JYJ").id,
      office: { code: "JYJ-BZH", name: "青山县义务教育标准化学校评估验收工作办公室" },
      until: "self_evaluation",
    });
    const [first] = Object.values(driver.state.schools);
    context.logins.push({
      role: "organiser",
      username: driver.state.organiser,
      displayName: "县教育督导室 督学",
      organisation: "青山县教育局",
    });
    if (first !== undefined) {
      context.logins.push({
        role: "unit_head",
        username: first.head,
        displayName: `${first.name}校长`,
        organisation: first.name,
      });
    }
    if (driver.state.department !== null) {
      context.logins.push({
        role: "department_staff",
        username: S7_DEPARTMENT.username,
        displayName: S7_DEPARTMENT.displayName,
        organisation: `${driver.state.schools[S7_DEPARTMENT.school]?.name ?? ""}${S7_DEPARTMENT.name}`,
      });
    }
    const [expert] = Object.keys(driver.state.experts);
    if (expert !== undefined) {
      context.logins.push({
        role: "reviewer",
        username: expert,
        displayName: "评估专家",
        organisation: "青山县教育局",
      });
    }
  },
};

function common(context: DemoContext) {
  return {
    signIn: (username: string) => context.signIn(username),
    admin: context.admin.username,
    password: context.password,
    clock: { now: () => context.services.clock.now() },
  };
}

export const DEMO_CAMPAIGNS: DemoStep[] = [s4Campaigns, s7ThisYear];
