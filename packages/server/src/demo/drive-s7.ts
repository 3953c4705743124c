/**
 * S7 义务教育标准化学校评估验收, played end to end through the HTTP API: the bundled scheme
 * (schemes/s07-standard-school) and its twelve sample schools (units.json) in one campaign, from deployment to
 * publication. Used by the S7 campaign test and by the demo loader, so it holds no test code.
 *
 * What it does, as the people who would do it:
 * - setup (the `admin` user): a county education office (organiser) under `parentId`; then, as the office's
 *   organiser, the schools S01…S12 (category XX 小学 / CZ 初中 as in units.json) with a head each, three
 *   experts (reviewer at the office), the scheme import and the campaign (stages deploy → self_evaluation →
 *   preliminary → review → grading → publicity; reviewers do not see self-scores), started and moved to 单位自评;
 *   the 评审分工 (group `review`, one lead expert per school, round robin) is made at once; S01 gets a department
 *   below it (总务处, S7_DEPARTMENT) with a department_staff user;
 * - "self_evaluation": S01's head assigns A4 校舍安全 to 总务处 with a deadline (任务分解: the unit head still edits
 *   it, so the figures stay those of units.json); each head fills the base data and the leaf inputs from units.json, a narrative for a few
 *   indicators, the report, and uploads one small PDF for A4 校舍安全. Nothing is submitted yet;
 * - "review": the heads submit; 初审 (the organiser accepts each); the organiser draws the schools for site visits
 *   (seeded, stratified by category, at least one third of each: 小学 3 of 7, 初中 2 of 5) and verifies the
 *   draw through the API; the drawn schools get a second expert; review opens and the experts save the agreed
 *   sheets (every typed leaf). A drawn school's sheet lowers E1 教育教学质量 by 2 points (S7_SITE_VISIT_CORRECTION:
 *   the lessons observed on site did not support the self-score), so those totals end exactly 2 points below the
 *   self-evaluation; the other sheets repeat the self-scores. Sheets are saved, not submitted;
 * - "grading": the experts submit their sheets, review closes, grading opens and one grading run is made;
 * - "published": publicity opens on that run for `publicityDays`; the period ends (the caller's clock moves on,
 *   or without one the period is dated to have just ended); the organiser publishes.
 * `runUntil` can be called again to go further from where it stopped.
 */
import type { ApiClient, ApiResponse } from "../http/in-process-client.js";
import { bundledScheme, expectBody, runStops, Sessions } from "./scripted-campaign.js";

export const S7_STOPS = ["setup", "self_evaluation", "review", "grading", "published"] as const;
export type S7Stop = (typeof S7_STOPS)[number];

/** The caller's time: tests pass their TestClock (with advance), the demo real time (no advance). */
export interface S7Clock {
  now(): Date;
  /** Moves time on (to end the publicity period). Without it the period is dated so that it has just ended. */
  advance?(ms: number): void | Promise<void>;
}

export interface DriveS7Options {
  /** Signs a user in and returns a fresh session (called again after the clock moves on). */
  signIn(username: string): Promise<ApiClient>;
  /** Who creates the county office and its organiser: an administrator, or an organiser over `parentId`. */
  admin: string;
  /** The password of every user the driver creates. */
  password: string;
  clock: S7Clock;
  /** Where the county office goes; null (default) makes it a root organisation. */
  parentId?: string | null;
  office?: { code: string; name: string };
  year?: number;
  /** The announced seed of the site-visit draw. */
  seed?: string;
  publicityDays?: number;
}

export interface S7School {
  code: string;
  name: string;
  category: "XX" | "CZ";
  id: string;
  head: string;
}

export interface S7State {
  reached: S7Stop;
  officeId: string;
  organiser: string;
  schools: Record<string, S7School>;
  /** Expert usernames → user ids. */
  experts: Record<string, string>;
  schemeVersionId: string;
  campaignId: string;
  /** School code → the evidence file uploaded for A4. */
  evidence: Record<string, string>;
  drawId: string | null;
  /** The school codes drawn for site visits. */
  drawn: string[];
  /** School code → the expert usernames assigned to it. */
  assignments: Record<string, string[]>;
  /** S01's 总务处 (its id) and the deadline of the A4 task given to it. */
  department: { id: string; deadline: string } | null;
  runId: string | null;
}

/** A department (任务分解 target) below one school, its staff member, and the indicator the head assigns to it. */
export const S7_DEPARTMENT = {
  school: "S01",
  code: "S01-ZWC",
  name: "总务处",
  username: "s01.zongwu",
  displayName: "县第一小学总务处 孙主任",
  target: "A4",
  person: "孙主任",
  /** Days after setup. */
  deadlineDays: 20,
} as const;

/** What a drawn school's agreed review sheet changes from its self-evaluation. */
export const S7_SITE_VISIT_CORRECTION = {
  indicator: "E1",
  delta: -2,
  finding: "实地听课、查阅教学资料：课堂教学质量与自评不符，教育教学质量核减2分",
} as const;

/** The number read out at the draw meeting (drawing 小学 S03, S05, S11 and 初中 S09, S12 over the sample schools). */
export const S7_DEFAULT_SEED = "20260415";
export const S7_EXPERTS = ["s7.expert1", "s7.expert2", "s7.expert3"] as const;
export const S7_ORGANISER = "s7.dudao";

interface UnitSpec {
  unit: string;
  name: string;
  category: "XX" | "CZ";
  data: Record<string, number | boolean>;
  scores: Record<string, unknown>;
}

const files = bundledScheme<UnitSpec>("s07-standard-school");
export const s7SchemeSource = files.source;
export const s7Units = files.units;

const NARRATIVES: Record<string, string> = {
  "A1.2": "学校布局合理，按标准班额编班，办学规模适度。",
  C4: "校长持证上岗，教师全员聘任，绩效考核办法健全并落实。",
  D1: "学校章程、各项管理制度齐全，依法办学，校务公开。",
  E1: "教学常规管理规范，课堂教学质量稳步提高，学业质量监测达到县平均水平以上。",
};

const REPORT = (name: string) => ({
  基本情况: `${name}对照《义务教育阶段学校办学基本标准》和评分细则逐项自评。`,
  主要做法与成效: "改善办学条件，配齐功能教室和仪器设备，加强教师队伍建设和学校管理。",
  存在问题: "部分功能教室使用率不高，教师继续教育有待加强。",
  整改措施与下一步打算: "完善功能教室管理制度，落实教师培训计划，持续改进。",
});

/** A one-page PDF (valid structure and cross-reference table), made here so the demo needs no files. */
export function tinyPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, "");
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
  const boundary = `----kaoping-s7-${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

const bodyOf = <T = unknown>(step: string, response: ApiResponse<T>, status = 200): T =>
  expectBody("S7", step, response, status);

/** The agreed review sheet for a school: its typed leaf inputs, corrected for a drawn school. */
export function s7ReviewSheet(unit: UnitSpec, drawn: boolean): Record<string, unknown> {
  const scores = { ...unit.scores };
  if (drawn) {
    const { indicator, delta } = S7_SITE_VISIT_CORRECTION;
    scores[indicator] = Number(scores[indicator]) + delta;
  }
  return scores;
}

export class S7Driver {
  private readonly sessions: Sessions;
  private readonly units = s7Units();

  private constructor(
    private readonly options: DriveS7Options,
    readonly state: S7State,
  ) {
    this.sessions = new Sessions(options.signIn);
  }

  /** Runs the setup (organisations, users, scheme, campaign in 单位自评) and returns the driver. */
  static async create(options: DriveS7Options): Promise<S7Driver> {
    const state: S7State = {
      reached: "setup",
      officeId: "",
      organiser: S7_ORGANISER,
      schools: {},
      experts: {},
      schemeVersionId: "",
      campaignId: "",
      evidence: {},
      drawId: null,
      drawn: [],
      assignments: {},
      department: null,
      runId: null,
    };
    const driver = new S7Driver(options, state);
    await driver.setup();
    return driver;
  }

  /** Goes on from where it stopped up to `stop` (inclusive); a stop already passed does nothing. */
  async runUntil(stop: S7Stop): Promise<S7State> {
    const steps: Record<S7Stop, () => Promise<void>> = {
      setup: async () => {},
      self_evaluation: () => this.selfEvaluation(),
      review: () => this.review(),
      grading: () => this.grading(),
      published: () => this.publish(),
    };
    await runStops(S7_STOPS, this.state, stop, steps);
    return this.state;
  }

  private as(username: string): Promise<ApiClient> {
    return this.sessions.as(username);
  }

  private unit(code: string): UnitSpec {
    const unit = this.units.find((u) => u.unit === code);
    if (unit === undefined) throw new Error(`S7 driver: no unit ${code}`);
    return unit;
  }

  private async campaignVersion(): Promise<number> {
    const organiser = await this.as(this.state.organiser);
    return bodyOf<{ version: number }>(
      "read campaign",
      await organiser.get(`/campaigns/${this.state.campaignId}`),
    ).version;
  }

  private async advance(): Promise<void> {
    const organiser = await this.as(this.state.organiser);
    bodyOf(
      "advance stage",
      await organiser.post(`/campaigns/${this.state.campaignId}/advance`, {
        version: await this.campaignVersion(),
      }),
    );
  }

  private selfUrl(code: string, rest = ""): string {
    return `/campaigns/${this.state.campaignId}/self-evaluations/${this.state.schools[code]!.id}${rest}`;
  }

  private async setup(): Promise<void> {
    const { options, state } = this;
    const password = options.password;
    const admin = await this.as(options.admin);
    const office = options.office ?? { code: "S7-JYJ", name: "县教育局" };
    state.officeId = bodyOf<{ id: string }>(
      "create the county office",
      await admin.post("/organisations", {
        parentId: options.parentId ?? null,
        code: office.code,
        name: office.name,
        kind: "部门",
      }),
      201,
    ).id;
    bodyOf(
      "create the organiser",
      await admin.post("/users", {
        username: S7_ORGANISER,
        displayName: "县教育督导室 督学",
        password,
        organisationId: state.officeId,
        grants: [{ role: "organiser", organisationId: state.officeId }],
      }),
      201,
    );
    const organiser = await this.as(S7_ORGANISER);
    for (const unit of this.units) {
      const id = bodyOf<{ id: string }>(
        `create school ${unit.unit}`,
        await organiser.post("/organisations", {
          parentId: state.officeId,
          code: unit.unit,
          name: unit.name,
          kind: "学校",
          category: unit.category,
        }),
        201,
      ).id;
      const head = `${unit.unit.toLowerCase()}.head`;
      bodyOf(
        `create the head of ${unit.unit}`,
        await organiser.post("/users", {
          username: head,
          displayName: `${unit.name}校长`,
          password,
          organisationId: id,
          grants: [{ role: "unit_head", organisationId: id }],
        }),
        201,
      );
      state.schools[unit.unit] = { code: unit.unit, name: unit.name, category: unit.category, id, head };
    }
    const start = options.clock.now().getTime();
    const day = 86_400_000;
    const at = (days: number) => new Date(start + days * day).toISOString();
    state.department = {
      id: await this.createDepartment(organiser),
      deadline: at(S7_DEPARTMENT.deadlineDays),
    };
    const expertNames = ["评估专家 陈教授", "评估专家 刘督学", "评估专家 周校长"];
    for (const [i, username] of S7_EXPERTS.entries()) {
      state.experts[username] = bodyOf<{ id: string }>(
        `create expert ${username}`,
        await organiser.post("/users", {
          username,
          displayName: expertNames[i],
          password,
          organisationId: state.officeId,
          grants: [{ role: "reviewer", organisationId: state.officeId }],
        }),
        201,
      ).id;
    }
    state.schemeVersionId = bodyOf<{ id: string }>(
      "import the scheme",
      await organiser.post("/schemes", { ownerId: state.officeId, source: s7SchemeSource(), format: "yaml" }),
      201,
    ).id;
    const year = options.year ?? options.clock.now().getUTCFullYear();
    const campaign = bodyOf<{ id: string; version: number }>(
      "create the campaign",
      await organiser.post("/campaigns", {
        organiserId: state.officeId,
        name: `${year}年义务教育标准化学校评估验收`,
        year,
        schemeVersionId: state.schemeVersionId,
        settings: { reviewersSeeSelfScores: false },
        stages: [
          { stage: "deploy", deadline: at(3) },
          { stage: "self_evaluation", deadline: at(30) },
          { stage: "preliminary", deadline: at(40) },
          { stage: "review", deadline: at(60) },
          { stage: "grading", deadline: at(70) },
          { stage: "publicity", deadline: at(80) },
        ],
        units: this.units.map((u) => ({ organisationId: state.schools[u.unit]!.id, category: u.category })),
      }),
      201,
    );
    state.campaignId = campaign.id;
    bodyOf(
      "start the campaign",
      await organiser.post(`/campaigns/${campaign.id}/start`, { version: campaign.version }),
    );
    await this.advance(); // 动员部署 → 单位自评
    // 评审分工: one lead expert per school, round robin.
    this.units.forEach((u, i) => {
      state.assignments[u.unit] = [S7_EXPERTS[i % S7_EXPERTS.length]!];
    });
    await this.putAssignments(1);
  }

  private async createDepartment(organiser: ApiClient): Promise<string> {
    const { code, name, username, displayName, school } = S7_DEPARTMENT;
    const id = bodyOf<{ id: string }>(
      `create ${name} of ${school}`,
      await organiser.post("/organisations", {
        parentId: this.state.schools[school]!.id,
        code,
        name,
        kind: "科室",
      }),
      201,
    ).id;
    bodyOf(
      `create ${username}`,
      await organiser.post("/users", {
        username,
        displayName,
        password: this.options.password,
        organisationId: id,
        grants: [{ role: "department_staff", organisationId: id }],
      }),
      201,
    );
    return id;
  }

  /** 任务分解: the school's head gives the indicator to its department. */
  private async assignToDepartment(): Promise<void> {
    const { department } = this.state;
    if (department === null) return;
    const { school, target, person } = S7_DEPARTMENT;
    const head = await this.as(this.state.schools[school]!.head);
    bodyOf(
      `${school} assigns ${target}`,
      await head.put(this.selfUrl(school, `/assignments/${encodeURIComponent(target)}`), {
        version: 0,
        departmentId: department.id,
        person,
        deadline: department.deadline,
      }),
    );
  }

  private async putAssignments(version: number): Promise<void> {
    const organiser = await this.as(this.state.organiser);
    const assignments = S7_EXPERTS.map((expert) => ({
      userId: this.state.experts[expert]!,
      groupCode: "review",
      organisationIds: Object.entries(this.state.assignments)
        .filter(([, experts]) => experts.includes(expert))
        .map(([code]) => this.state.schools[code]!.id),
    }));
    bodyOf(
      "assign the reviewers",
      await organiser.put(`/campaigns/${this.state.campaignId}/assignments`, { version, assignments }),
    );
  }

  /** Every school fills its self-evaluation (not submitted). */
  private async selfEvaluation(): Promise<void> {
    await this.assignToDepartment();
    for (const unit of this.units) {
      const school = this.state.schools[unit.unit]!;
      const head = await this.as(school.head);
      const current = bodyOf<{ version: number }>(
        `read ${unit.unit}`,
        await head.get(this.selfUrl(unit.unit)),
      );
      const data = bodyOf<{ version: number }>(
        `${unit.unit} base data`,
        await head.put(this.selfUrl(unit.unit, "/data"), { version: current.version, data: unit.data }),
      );
      bodyOf(
        `${unit.unit} report`,
        await head.put(this.selfUrl(unit.unit, "/report"), {
          version: data.version,
          report: REPORT(unit.name),
        }),
      );
      for (const [code, input] of Object.entries(unit.scores)) {
        const narrative = NARRATIVES[code];
        bodyOf(
          `${unit.unit} ${code}`,
          await head.put(this.selfUrl(unit.unit, `/items/${encodeURIComponent(code)}`), {
            version: 0,
            input,
            ...(narrative === undefined ? {} : { narrative }),
          }),
        );
      }
      const { payload, headers } = multipart(
        { indicatorCode: "A4" },
        {
          name: `${unit.unit}校舍安全鉴定报告.pdf`,
          content: tinyPdf(`${unit.unit} school building safety appraisal ${this.state.campaignId}`),
          type: "application/pdf",
        },
      );
      const uploaded = bodyOf<{ id: string }>(
        `${unit.unit} evidence`,
        await head.request("POST", this.selfUrl(unit.unit, "/evidence"), payload, headers),
        201,
      );
      this.state.evidence[unit.unit] = uploaded.id;
    }
  }

  /** Submission, 初审, the draw, the site-visit assignments, review open with the sheets saved. */
  private async review(): Promise<void> {
    const { state } = this;
    const versions: Record<string, number> = {};
    for (const unit of this.units) {
      const head = await this.as(state.schools[unit.unit]!.head);
      const current = bodyOf<{ version: number }>(
        `read ${unit.unit}`,
        await head.get(this.selfUrl(unit.unit)),
      );
      versions[unit.unit] = bodyOf<{ version: number }>(
        `submit ${unit.unit}`,
        await head.post(this.selfUrl(unit.unit, "/submit"), { version: current.version }),
      ).version;
    }
    await this.advance(); // 单位自评 → 初审
    const organiser = await this.as(state.organiser);
    for (const unit of this.units)
      bodyOf(
        `accept ${unit.unit}`,
        await organiser.post(this.selfUrl(unit.unit, "/accept"), { version: versions[unit.unit] }),
      );
    const draw = bodyOf<{ id: string; result: { selected: string[] } }>(
      "draw the schools for site visits",
      await organiser.post(`/campaigns/${state.campaignId}/draws`, {
        seed: this.options.seed ?? S7_DEFAULT_SEED,
        fraction: "1/3",
        by: "category",
        rounding: "ceil",
      }),
      201,
    );
    const verified = bodyOf<{ ok: boolean; message: string | null }>(
      "verify the draw",
      await organiser.get(`/campaigns/${state.campaignId}/draws/${draw.id}/verify`),
    );
    if (!verified.ok) throw new Error(`S7 driver: the draw does not verify: ${verified.message}`);
    state.drawId = draw.id;
    state.drawn = [...draw.result.selected].sort();
    // Site visits: a drawn school gets the next expert as well (both submit the one agreed sheet).
    for (const code of state.drawn) {
      const lead = state.assignments[code]![0]!;
      const next =
        S7_EXPERTS[(S7_EXPERTS.indexOf(lead as (typeof S7_EXPERTS)[number]) + 1) % S7_EXPERTS.length]!;
      state.assignments[code] = [lead, next];
    }
    const plan = bodyOf<{ version: number }>(
      "read the assignments",
      await organiser.get(`/campaigns/${state.campaignId}/assignments`),
    );
    await this.putAssignments(plan.version);
    await this.advance(); // 初审 → 实地评估/复评
    for (const unit of this.units) {
      const drawn = state.drawn.includes(unit.unit);
      for (const expert of state.assignments[unit.unit]!) {
        const client = await this.as(expert);
        const url = `/campaigns/${state.campaignId}/units/${state.schools[unit.unit]!.id}`;
        bodyOf(
          `${expert} sheet for ${unit.unit}`,
          await client.put(`${url}/review/review`, { scores: s7ReviewSheet(unit, drawn) }),
        );
        if (drawn && expert === state.assignments[unit.unit]![0])
          bodyOf(
            `${expert} finding for ${unit.unit}`,
            await client.post(`${url}/findings`, {
              indicatorCode: S7_SITE_VISIT_CORRECTION.indicator,
              kind: "看",
              text: S7_SITE_VISIT_CORRECTION.finding,
            }),
            201,
          );
      }
    }
  }

  /** The sheets submitted, review closed, one grading run. */
  private async grading(): Promise<void> {
    const { state } = this;
    for (const unit of this.units) {
      for (const expert of state.assignments[unit.unit]!) {
        const client = await this.as(expert);
        const url = `/campaigns/${state.campaignId}/units/${state.schools[unit.unit]!.id}/review`;
        const view = bodyOf<{ sheets: Array<{ groupCode: string; version: number; submitted: boolean }> }>(
          `${expert} reads ${unit.unit}`,
          await client.get(url),
        );
        const sheet = view.sheets.find((s) => s.groupCode === "review");
        if (sheet === undefined) throw new Error(`S7 driver: ${expert} has no sheet for ${unit.unit}`);
        if (!sheet.submitted)
          bodyOf(
            `${expert} submits ${unit.unit}`,
            await client.post(`${url}/review/submit`, { version: sheet.version }),
          );
      }
    }
    await this.advance(); // 实地评估/复评 → 汇总定级
    const organiser = await this.as(state.organiser);
    state.runId = bodyOf<{ id: string }>(
      "grade",
      await organiser.post(`/campaigns/${state.campaignId}/grading-runs`, { reason: "汇总定级" }),
      201,
    ).id;
  }

  /** 公示 for the period, then 公布. */
  private async publish(): Promise<void> {
    const { state, options } = this;
    await this.advance(); // 汇总定级 → 公示
    const days = options.publicityDays ?? 7;
    const span = days * 86_400_000;
    const now = options.clock.now().getTime();
    const canAdvance = options.clock.advance !== undefined;
    const [startsAt, endsAt] = !canAdvance ? [now - span - 1000, now - 1000] : [now, now + span];
    let organiser = await this.as(state.organiser);
    bodyOf(
      "publicise",
      await organiser.post(`/campaigns/${state.campaignId}/publicity`, {
        runId: state.runId,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
      }),
    );
    if (canAdvance) {
      await options.clock.advance?.(span + 3_600_000);
      this.sessions.reset(); // sessions may have expired meanwhile
      organiser = await this.as(state.organiser);
    }
    bodyOf(
      "publish",
      await organiser.post(`/campaigns/${state.campaignId}/publish`, {
        version: await this.campaignVersion(),
      }),
    );
  }
}

/** Runs S7 from nothing up to `until` (default "published") and returns the driver (its state, and more runs). */
export async function driveS7(options: DriveS7Options & { until?: S7Stop }): Promise<S7Driver> {
  const driver = await S7Driver.create(options);
  await driver.runUntil(options.until ?? "published");
  return driver;
}
