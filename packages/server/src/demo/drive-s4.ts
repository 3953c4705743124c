/**
 * S4 县总工会年度考评 (全县工会工作创优争先考评), played end to end through the HTTP API: the bundled scheme
 * (schemes/s04-trade-union) and its fourteen sample member unions (units.json) in one campaign. Used by the S4
 * campaign test and by the demo loader, so it holds no test code.
 *
 * What it does, as the people who would do it:
 * - setup: the county federation of trade unions (县总工会) and its organiser (考评办) — or the ones the caller
 *   names —, the member unions T01…D07 under it (existing ones are found by code), a head (主任) for each union,
 *   the 县总工会领导 (LD) and 部室负责人 (BS) raters as federation staff; the heads of the unions that rate others
 *   (其他申报单位主要负责人, FZR) are the raters of that group, so each FZR rater's organisation is the union he
 *   heads. The scheme is imported, the campaign created (stages deploy → self_evaluation → review → grading →
 *   publicity → feedback, deadlines in December of `year` and January–February of the next year), started and moved
 *   to 单位自评; the rater groups are set and the 评审分工 made from units.json (who rated which union): the
 *   conflict-of-interest rule (回避) holds, no head rates his own union;
 * - "self_evaluation": each head fills the base data (units.json `data`), the leaf inputs (T07 and D07 their own
 *   `scores`; the rated unions full self-scores, 联席会议 B2 not applicable for 县直 unions), the report, and
 *   submits. The `returned` union first submits a mistyped figure; the organiser returns it (退回) with the reason,
 *   the head corrects it and submits again;
 * - "review": 实地评估/复评 opens; every rater enters the union's total from units.json and submits the sheet;
 * - "grading": review closes, grading opens, the organiser approves each union's bonus from units.json (the
 *   engine caps each item at 2) and makes the first grading run;
 * - "publicity": 公示 of that run; the `objection` union objects and the organiser decides it — upheld with the
 *   correction (a bonus item missed when approving), which makes the corrected run;
 * - "published": the period ends (the caller's clock moves on; without `advance` the period is re-dated to have
 *   just ended), 通报反馈 opens and the organiser publishes (终审公布).
 * `runUntil` can be called again to go further from where it stopped.
 */
import type { ApiClient, ApiResponse } from "../http/in-process-client.js";
import { bundledScheme, expectBody, runStops, Sessions } from "./scripted-campaign.js";

export const S4_STOPS = ["setup", "self_evaluation", "review", "grading", "publicity", "published"] as const;
export type S4Stop = (typeof S4_STOPS)[number];

/** The caller's time: tests pass their TestClock (with advance), the demo real time (no advance). */
export interface S4Clock {
  now(): Date;
  /** Moves time on (to end the publicity period). Without it the period is re-dated so that it has just ended. */
  advance?(ms: number): void | Promise<void>;
}

export interface S4Return {
  /** The union returned (退回), e.g. "T04". */
  unit: string;
  /** The figure mistyped in the first submission (a base-data field and its wrong value). */
  typo: { field: string; value: number };
  reason: string;
}

export interface S4Objection {
  /** The union objecting (its head files it), e.g. "D02". */
  unit: string;
  reason: string;
  decision: "upheld" | "rejected";
  decisionReason: string;
  /** For an upheld one: bonus items added to (or replacing) the union's approved bonus. */
  bonus?: Record<string, string>;
}

export interface DriveS4Options {
  /** Signs a user in and returns a fresh session (called again after the clock moves on). */
  signIn(username: string): Promise<ApiClient>;
  /** Who creates the federation and its organiser (an administrator, or an organiser over `parentId`). */
  admin: string;
  /** The password of every user the driver creates. */
  password: string;
  clock: S4Clock;
  /** The appraisal year (default: the clock's year). */
  year?: number;
  /** Where a new federation goes; null (default) makes it a root organisation. */
  parentId?: string | null;
  /** A new federation's code and name (default S4-ZGH 县总工会). */
  federationSpec?: { code: string; name: string };
  /** An existing federation and its organiser's username: nothing is created for it; its unions are found by code. */
  federation?: { id: string; organiser: string };
  /**
   * Existing users by unit code (the union's head, e.g. T01 → "t01.head") or by rater title (e.g. "县总工会主席" →
   * "zgh.chair"); anyone not named is created. A named head of a rating union must hold reviewer (or organiser or
   * viewer) at the federation.
   */
  users?: Record<string, string>;
  /** An imported version of the bundled scheme to use instead of importing it. */
  schemeVersionId?: string;
  /** The return and resubmission; null for none. Default S4_DEFAULT_RETURN. */
  returned?: S4Return | null;
  /** The objection in publicity; null for none. Default S4_DEFAULT_OBJECTION. */
  objection?: S4Objection | null;
  /** The publicity period (default: from the moment publicity opens, for 7 days). */
  publicity?: { startsAt?: Date; endsAt?: Date };
}

interface UnitSpec {
  unit: string;
  name: string;
  category: "TOWN" | "DEPT";
  data: Record<string, number | boolean>;
  bonus?: Record<string, number>;
  ratings?: Array<{ rater: string; group: "LD" | "FZR" | "BS"; total: number }>;
  scores?: Record<string, unknown>;
}

export interface S4Union {
  code: string;
  name: string;
  category: "TOWN" | "DEPT";
  id: string;
  /** The head's username (主任; fills the self-evaluation, and rates others when the union is in group FZR). */
  head: string;
}

export interface S4Rater {
  title: string;
  group: "LD" | "FZR" | "BS";
  username: string;
  userId: string;
  /** Unit codes this rater scores. */
  units: string[];
}

export interface S4State {
  reached: S4Stop;
  federationId: string;
  organiser: string;
  unions: Record<string, S4Union>;
  /** By rater title. */
  raters: Record<string, S4Rater>;
  schemeVersionId: string;
  campaignId: string;
  returned: { unit: string; reason: string; shownToUnit: string | null } | null;
  firstRunId: string | null;
  objectionId: string | null;
  correctedRunId: string | null;
  publishedRunId: string | null;
}

/** T04 杨柳镇 first submits 已建立工资集体协商制度企业数 as 23 (the digits of 32 swapped). */
export const S4_DEFAULT_RETURN: S4Return = {
  unit: "T04",
  typo: { field: "wage_firms", value: 23 },
  reason:
    "基础数据“已建立工资集体协商制度企业数”填报为23个，与备案的工资专项集体合同（32份）不符，请核实后重新提交。",
};

/**
 * D02 县卫生健康系统 ties T03 at 87.55 and loses the last 先进 place on the tie-break (T03 has 1 point of bonus);
 * it objects that its J4 claim was missed, and the organiser upholds it with J4 0.5.
 */
export const S4_DEFAULT_OBJECTION: S4Objection = {
  unit: "D02",
  reason:
    "我单位《卫生健康系统职工心理关爱行动》经验材料已被市总工会转发推广，按考评办法申报“其他可以给予加分的内容”，审定加分时遗漏，请予复核。",
  decision: "upheld",
  decisionReason: "经核实，该项加分申报材料齐全，审定时遗漏，予以更正：J4 加0.5分。",
  bonus: { J4: "0.5" },
};

export const S4_ORGANISER = "s4.kaopingban";
export const S4_GROUPS = ["LD", "FZR", "BS"] as const;

/** Usernames for the federation's staff raters the driver creates. */
const STAFF_USERNAMES: Record<string, string> = {
  县总工会主席: "s4.zgh.chair",
  县总工会常务副主席: "s4.zgh.vicechair",
  县总工会副主席: "s4.zgh.deputy",
  县总工会办公室主任: "s4.zgh.office",
  县总工会组织部部长: "s4.zgh.organising",
  县总工会保障部部长: "s4.zgh.welfare",
  县总工会宣教部部长: "s4.zgh.publicity",
  县总工会女职工部部长: "s4.zgh.women",
};

const files = bundledScheme<UnitSpec>("s04-trade-union");
export const s4SchemeSource = files.source;
export const s4Units = files.units;

/** Full self-scores for a union scored by its raters (the leaves not computed from data). */
export function s4FullSelfScores(category: "TOWN" | "DEPT"): Record<string, unknown> {
  return {
    "A2.1": { level: "HAO" },
    "A2.2": 6,
    "A3.2": true,
    "A4.1": { deductions: {} },
    "A4.2": 4,
    B1: { deductions: {} },
    // 县直 unions have no government at their level: 联席会议 does not apply (scheme assumption).
    B2: category === "DEPT" ? { na: true } : { deductions: {} },
    B3: { checked: ["B3.1", "B3.2", "B3.3", "B3.4"] },
    B4: { deductions: {} },
    B5: { deductions: {} },
  };
}

const REPORT = (name: string) => ({
  基本情况: `${name}对照《全县工会工作创优争先考评办法》逐项自评。`,
  主要做法与成效: "推进“两个普遍”，开展困难职工帮扶和“送温暖”活动，加强基层工会组织建设和会员发展。",
  存在问题: "部分小微企业建会后活动开展不经常，工资集体协商质量有待提高。",
  整改措施与下一步打算: "加强基层工会规范化建设，提高工资集体协商实效，完善职工之家活动记录。",
});

const bodyOf = <T = unknown>(step: string, response: ApiResponse<T>, status = 200): T =>
  expectBody("S4", step, response, status);

const DAY = 86_400_000;

export class S4Driver {
  private readonly sessions: Sessions;
  readonly units = s4Units();

  private constructor(
    private readonly options: DriveS4Options,
    readonly state: S4State,
  ) {
    this.sessions = new Sessions(options.signIn);
  }

  /** Runs the setup (organisations, users, scheme, campaign in 单位自评, raters and 评审分工). */
  static async create(options: DriveS4Options): Promise<S4Driver> {
    const driver = new S4Driver(options, {
      reached: "setup",
      federationId: "",
      organiser: options.federation?.organiser ?? S4_ORGANISER,
      unions: {},
      raters: {},
      schemeVersionId: "",
      campaignId: "",
      returned: null,
      firstRunId: null,
      objectionId: null,
      correctedRunId: null,
      publishedRunId: null,
    });
    await driver.setup();
    return driver;
  }

  /** Goes on from where it stopped up to `stop` (inclusive); a stop already passed does nothing. */
  async runUntil(stop: S4Stop): Promise<S4State> {
    const steps: Record<S4Stop, () => Promise<void>> = {
      setup: async () => {},
      self_evaluation: () => this.selfEvaluation(),
      review: () => this.review(),
      grading: () => this.grading(),
      publicity: () => this.publicity(),
      published: () => this.publish(),
    };
    await runStops(S4_STOPS, this.state, stop, steps);
    return this.state;
  }

  /** The unit spec of units.json. */
  unit(code: string): UnitSpec {
    const unit = this.units.find((u) => u.unit === code);
    if (unit === undefined) throw new Error(`S4 driver: no unit ${code} in units.json`);
    return unit;
  }

  private as(username: string): Promise<ApiClient> {
    return this.sessions.as(username);
  }

  private get returnSpec(): S4Return | null {
    return this.options.returned === undefined ? S4_DEFAULT_RETURN : this.options.returned;
  }

  private get objectionSpec(): S4Objection | null {
    return this.options.objection === undefined ? S4_DEFAULT_OBJECTION : this.options.objection;
  }

  private campaignUrl(rest = ""): string {
    return `/campaigns/${this.state.campaignId}${rest}`;
  }

  private selfUrl(code: string, rest = ""): string {
    return this.campaignUrl(`/self-evaluations/${this.state.unions[code]!.id}${rest}`);
  }

  private async campaignVersion(): Promise<number> {
    const organiser = await this.as(this.state.organiser);
    return bodyOf<{ version: number }>("read the campaign", await organiser.get(this.campaignUrl())).version;
  }

  private async advance(step: string): Promise<void> {
    const organiser = await this.as(this.state.organiser);
    bodyOf(
      step,
      await organiser.post(this.campaignUrl("/advance"), { version: await this.campaignVersion() }),
    );
  }

  /** Rater title → its group and the units it scores, from units.json. */
  private raterPlan(): Map<string, { group: "LD" | "FZR" | "BS"; units: string[] }> {
    const plan = new Map<string, { group: "LD" | "FZR" | "BS"; units: string[] }>();
    for (const unit of this.units)
      for (const rating of unit.ratings ?? []) {
        const entry = plan.get(rating.rater) ?? { group: rating.group, units: [] };
        if (entry.group !== rating.group)
          throw new Error(`S4 driver: ${rating.rater} rates in two groups (${entry.group}, ${rating.group})`);
        entry.units.push(unit.unit);
        plan.set(rating.rater, entry);
      }
    return plan;
  }

  /** The union a FZR rater heads (his title is the union's name + 主任). */
  private unionOfTitle(title: string): string {
    const unit = this.units.find((u) => `${u.name}主任` === title);
    if (unit === undefined) throw new Error(`S4 driver: rater ${title} heads no union of units.json`);
    return unit.unit;
  }

  private async userId(username: string): Promise<string> {
    const client = await this.as(username);
    return bodyOf<{ user: { id: string } }>(`session of ${username}`, await client.get("/auth/session")).user
      .id;
  }

  private async setup(): Promise<void> {
    const { options, state } = this;
    const named = options.users ?? {};
    const plan = this.raterPlan();
    const fzrUnions = new Set(
      [...plan.entries()].filter(([, p]) => p.group === "FZR").map(([title]) => this.unionOfTitle(title)),
    );

    // The federation and its organiser.
    if (options.federation !== undefined) {
      state.federationId = options.federation.id;
    } else {
      const admin = await this.as(options.admin);
      const spec = options.federationSpec ?? { code: "S4-ZGH", name: "县总工会" };
      state.federationId = bodyOf<{ id: string }>(
        "create the federation",
        await admin.post("/organisations", {
          parentId: options.parentId ?? null,
          code: spec.code,
          name: spec.name,
          kind: "工会",
        }),
        201,
      ).id;
      bodyOf(
        "create the organiser",
        await admin.post("/users", {
          username: S4_ORGANISER,
          displayName: "县总工会考评办 王主任",
          password: options.password,
          organisationId: state.federationId,
          grants: [{ role: "organiser", organisationId: state.federationId }],
        }),
        201,
      );
    }
    const organiser = await this.as(state.organiser);

    // The member unions: found by code under the federation, or created.
    const existing = bodyOf<{ items: Array<{ id: string; code: string }> }>(
      "list the federation's organisations",
      await organiser.get(`/organisations?under=${state.federationId}&limit=500`),
    ).items;
    const userIds: Record<string, string> = {};
    for (const unit of this.units) {
      const id =
        existing.find((o) => o.code === unit.unit)?.id ??
        bodyOf<{ id: string }>(
          `create union ${unit.unit}`,
          await organiser.post("/organisations", {
            parentId: state.federationId,
            code: unit.unit,
            name: unit.name,
            kind: "工会",
            category: unit.category === "TOWN" ? "乡镇" : "县直",
          }),
          201,
        ).id;
      let head = named[unit.unit];
      if (head === undefined) {
        head = `s4.${unit.unit.toLowerCase()}.head`;
        userIds[head] = bodyOf<{ id: string }>(
          `create the head of ${unit.unit}`,
          await organiser.post("/users", {
            username: head,
            displayName: `${unit.name}主任`,
            password: options.password,
            organisationId: id,
            grants: [
              { role: "unit_head", organisationId: id },
              // 其他申报单位主要负责人: the heads of the unions that rate others.
              ...(fzrUnions.has(unit.unit) ? [{ role: "reviewer", organisationId: state.federationId }] : []),
            ],
          }),
          201,
        ).id;
      }
      state.unions[unit.unit] = { code: unit.unit, name: unit.name, category: unit.category, id, head };
    }

    // The raters: FZR are the unions' heads; LD and BS the federation's staff.
    for (const [title, entry] of plan) {
      let username: string;
      if (entry.group === "FZR") {
        username = named[title] ?? state.unions[this.unionOfTitle(title)]!.head;
      } else {
        const given = named[title];
        if (given !== undefined) username = given;
        else {
          username = STAFF_USERNAMES[title] ?? `s4.rater${Object.keys(state.raters).length + 1}`;
          userIds[username] = bodyOf<{ id: string }>(
            `create rater ${title}`,
            await organiser.post("/users", {
              username,
              displayName: title,
              password: options.password,
              organisationId: state.federationId,
              grants: [{ role: "reviewer", organisationId: state.federationId }],
            }),
            201,
          ).id;
        }
      }
      const userId = userIds[username] ?? (await this.userId(username));
      state.raters[title] = { title, group: entry.group, username, userId, units: entry.units };
    }

    // The scheme and the campaign.
    state.schemeVersionId =
      options.schemeVersionId ??
      bodyOf<{ id: string }>(
        "import the scheme",
        await organiser.post("/schemes", {
          ownerId: state.federationId,
          source: s4SchemeSource(),
          format: "yaml",
        }),
        201,
      ).id;
    const year = options.year ?? options.clock.now().getUTCFullYear();
    const at = (y: number, month: number, day: number) =>
      new Date(Date.UTC(y, month - 1, day, 9)).toISOString();
    const campaign = bodyOf<{ id: string; version: number }>(
      "create the campaign",
      await organiser.post("/campaigns", {
        organiserId: state.federationId,
        name: `${year}年度全县工会工作创优争先考评`,
        year,
        schemeVersionId: state.schemeVersionId,
        stages: [
          { stage: "deploy", deadline: at(year, 12, 5) },
          { stage: "self_evaluation", deadline: at(year, 12, 25) },
          { stage: "review", deadline: at(year + 1, 1, 10) },
          { stage: "grading", deadline: at(year + 1, 1, 15) },
          { stage: "publicity", deadline: at(year + 1, 1, 25) },
          { stage: "feedback", deadline: at(year + 1, 2, 10) },
        ],
        units: this.units.map((u) => ({ organisationId: state.unions[u.unit]!.id, category: u.category })),
      }),
      201,
    );
    state.campaignId = campaign.id;
    bodyOf(
      "start the campaign",
      await organiser.post(this.campaignUrl("/start"), { version: campaign.version }),
    );
    await this.advance("动员部署 → 单位自评");

    // 评分人 and 评审分工 (回避: nobody is given his own union; the API refuses it too).
    const groups: Record<string, string[]> = { LD: [], FZR: [], BS: [] };
    for (const rater of Object.values(state.raters)) groups[rater.group]!.push(rater.userId);
    bodyOf(
      "set the rater groups",
      await organiser.put(this.campaignUrl("/raters"), { version: await this.campaignVersion(), groups }),
    );
    const assignments = Object.values(state.raters).map((rater) => {
      if (rater.group === "FZR" && rater.units.includes(this.unionOfTitle(rater.title)))
        throw new Error(`S4 driver: ${rater.title} would rate his own union`);
      return {
        userId: rater.userId,
        groupCode: rater.group,
        organisationIds: rater.units.map((code) => state.unions[code]!.id),
      };
    });
    const planVersion = bodyOf<{ version: number }>(
      "read the assignments",
      await organiser.get(this.campaignUrl("/assignments")),
    ).version;
    bodyOf(
      "assign the raters",
      await organiser.put(this.campaignUrl("/assignments"), { version: planVersion, assignments }),
    );
  }

  /** The leaf inputs a union enters: its own sheet (T07, D07) or full self-scores. */
  selfScores(code: string): Record<string, unknown> {
    const unit = this.unit(code);
    return unit.scores ?? s4FullSelfScores(unit.category);
  }

  private async submit(code: string): Promise<void> {
    const head = await this.as(this.state.unions[code]!.head);
    const current = bodyOf<{ version: number }>(`read ${code}`, await head.get(this.selfUrl(code)));
    bodyOf(`submit ${code}`, await head.post(this.selfUrl(code, "/submit"), { version: current.version }));
  }

  private async saveData(code: string, data: Record<string, number | boolean>): Promise<void> {
    const head = await this.as(this.state.unions[code]!.head);
    const current = bodyOf<{ version: number }>(`read ${code}`, await head.get(this.selfUrl(code)));
    bodyOf(
      `${code} base data`,
      await head.put(this.selfUrl(code, "/data"), { version: current.version, data }),
    );
  }

  /** Every union fills and submits; the returned one is returned, corrects and submits again. */
  private async selfEvaluation(): Promise<void> {
    const { state } = this;
    const returned = this.returnSpec;
    for (const unit of this.units) {
      const head = await this.as(state.unions[unit.unit]!.head);
      const typo = returned?.unit === unit.unit ? { [returned.typo.field]: returned.typo.value } : {};
      await this.saveData(unit.unit, { ...unit.data, ...typo });
      const current = bodyOf<{ version: number }>(
        `read ${unit.unit}`,
        await head.get(this.selfUrl(unit.unit)),
      );
      bodyOf(
        `${unit.unit} report`,
        await head.put(this.selfUrl(unit.unit, "/report"), {
          version: current.version,
          report: REPORT(unit.name),
        }),
      );
      for (const [code, input] of Object.entries(this.selfScores(unit.unit)))
        bodyOf(
          `${unit.unit} ${code}`,
          await head.put(this.selfUrl(unit.unit, `/items/${encodeURIComponent(code)}`), {
            version: 0,
            input,
          }),
        );
      await this.submit(unit.unit);
    }
    if (returned === null) return;
    // 退回: the organiser returns it with the reason; the head reads it, corrects the figure and submits again.
    const organiser = await this.as(state.organiser);
    const submitted = bodyOf<{ version: number }>(
      `organiser reads ${returned.unit}`,
      await organiser.get(this.selfUrl(returned.unit)),
    );
    bodyOf(
      `return ${returned.unit}`,
      await organiser.post(this.selfUrl(returned.unit, "/return"), {
        version: submitted.version,
        reason: returned.reason,
      }),
    );
    const head = await this.as(state.unions[returned.unit]!.head);
    const seen = bodyOf<{ status: string; returnedReason: string | null }>(
      `${returned.unit} reads the return`,
      await head.get(this.selfUrl(returned.unit)),
    );
    state.returned = { unit: returned.unit, reason: returned.reason, shownToUnit: seen.returnedReason };
    await this.saveData(returned.unit, this.unit(returned.unit).data);
    await this.submit(returned.unit);
  }

  /** 实地评估/复评: every rater enters and submits each assigned union's total. */
  private async review(): Promise<void> {
    const { state } = this;
    await this.advance("单位自评 → 实地评估/复评");
    for (const rater of Object.values(state.raters)) {
      const client = await this.as(rater.username);
      for (const code of rater.units) {
        const rating = this.unit(code).ratings!.find((r) => r.rater === rater.title)!;
        const url = this.campaignUrl(`/units/${state.unions[code]!.id}/review/${rater.group}`);
        const sheet = bodyOf<{ version: number }>(
          `${rater.title} scores ${code}`,
          await client.put(url, { total: String(rating.total) }),
        );
        bodyOf(
          `${rater.title} submits ${code}`,
          await client.post(`${url}/submit`, { version: sheet.version }),
        );
      }
    }
  }

  /** Review closed, grading open, bonus approved, the first run. */
  private async grading(): Promise<void> {
    const { state } = this;
    await this.advance("实地评估/复评 → 汇总定级");
    const organiser = await this.as(state.organiser);
    for (const unit of this.units) {
      if (unit.bonus === undefined) continue;
      const url = this.campaignUrl(`/units/${state.unions[unit.unit]!.id}/bonus`);
      const current = bodyOf<{ version: number }>(`read ${unit.unit} bonus`, await organiser.get(url));
      bodyOf(
        `approve ${unit.unit} bonus`,
        await organiser.put(url, {
          version: current.version,
          bonus: Object.fromEntries(Object.entries(unit.bonus).map(([k, v]) => [k, String(v)])),
        }),
      );
    }
    state.firstRunId = bodyOf<{ id: string }>(
      "grade",
      await organiser.post(this.campaignUrl("/grading-runs"), {
        reason: "汇总定级：三组评分按40%、30%、30%加权",
      }),
      201,
    ).id;
  }

  /** 公示 of the first run; the objection filed and decided (an upheld one makes the corrected run). */
  private async publicity(): Promise<void> {
    const { state, options } = this;
    await this.advance("汇总定级 → 公示");
    const organiser = await this.as(state.organiser);
    const now = options.clock.now().getTime();
    const startsAt = options.publicity?.startsAt ?? new Date(now);
    const endsAt = options.publicity?.endsAt ?? new Date(now + 7 * DAY);
    bodyOf(
      "publicise",
      await organiser.post(this.campaignUrl("/publicity"), {
        runId: state.firstRunId,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
      }),
    );
    const objection = this.objectionSpec;
    if (objection === null) return;
    const union = state.unions[objection.unit]!;
    const head = await this.as(union.head);
    const filed = bodyOf<{ id: string; version: number }>(
      `${objection.unit} objects`,
      await head.post(this.campaignUrl("/objections"), {
        organisationId: union.id,
        reason: objection.reason,
      }),
      201,
    );
    state.objectionId = filed.id;
    const approved = bodyOf<{ approved: Record<string, string> }>(
      `read ${objection.unit} bonus`,
      await organiser.get(this.campaignUrl(`/units/${union.id}/bonus`)),
    ).approved;
    const decided = bodyOf<{ correctedRunId: string | null }>(
      `decide the objection of ${objection.unit}`,
      await organiser.post(`/objections/${filed.id}/decide`, {
        version: filed.version,
        decision: objection.decision,
        reason: objection.decisionReason,
        ...(objection.decision === "upheld"
          ? { correction: { bonus: { ...approved, ...(objection.bonus ?? {}) } } }
          : {}),
      }),
    );
    state.correctedRunId = decided.correctedRunId;
  }

  /** The period ends; 通报反馈 opens; 终审公布. */
  private async publish(): Promise<void> {
    const { state, options } = this;
    let organiser = await this.as(state.organiser);
    const period = bodyOf<{
      period: { runId: string; startsAt: string; endsAt: string; version: number } | null;
    }>("read the period", await organiser.get(this.campaignUrl("/publicity"))).period;
    if (period === null) throw new Error("S4 driver: no publicity period");
    const now = options.clock.now().getTime();
    const endsAt = new Date(period.endsAt).getTime();
    if (now < endsAt) {
      if (options.clock.advance !== undefined) {
        await options.clock.advance(endsAt - now + 3_600_000);
        this.sessions.reset(); // sessions may have expired meanwhile
        organiser = await this.as(state.organiser);
      } else {
        // Real time: the period is re-dated to have just ended (the demo cannot wait for it).
        const end = now - 1_000;
        bodyOf(
          "end the period",
          await organiser.post(this.campaignUrl("/publicity"), {
            runId: period.runId,
            startsAt: new Date(Math.min(new Date(period.startsAt).getTime(), end - DAY)).toISOString(),
            endsAt: new Date(end).toISOString(),
            version: period.version,
          }),
        );
      }
    }
    await this.advance("公示 → 通报反馈");
    state.publishedRunId = bodyOf<{ runId: string }>(
      "publish",
      await organiser.post(this.campaignUrl("/publish"), { version: await this.campaignVersion() }),
    ).runId;
  }
}

/** Runs S4 from nothing up to `until` (default "published") and returns the driver (its state, and more runs). */
export async function driveS4(options: DriveS4Options & { until?: S4Stop }): Promise<S4Driver> {
  const driver = await S4Driver.create(options);
  await driver.runUntil(options.until ?? "published");
  return driver;
}
