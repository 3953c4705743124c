/**
 * A running S2 campaign written straight to the database (campaign creation belongs to another module): 市督导室
 * organises, 元江县 is evaluated with its 财政局 as a responsible department, two townships report base data,
 * and 另一县 is another evaluated unit. Users hold the roles the tests need.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseScheme } from "@kaoping/core";
import type { Services } from "../../../context.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../../testing/fixtures.js";

export const schemeSource = (folder: string): string =>
  readFileSync(
    fileURLToPath(new URL(`../../../../../../schemes/${folder}/scheme.yaml`, import.meta.url)),
    "utf8",
  );

export interface SelfEvaluationFixture {
  campaignId: string;
  city: SeededOrganisation;
  county: SeededOrganisation;
  finance: SeededOrganisation;
  town1: SeededOrganisation;
  town2: SeededOrganisation;
  other: SeededOrganisation;
  url: (org: SeededOrganisation, rest?: string) => string;
}

let counter = 0;

export async function seedS2Campaign(services: Services): Promise<SelfEvaluationFixture> {
  const n = ++counter;
  const city = await seedOrganisation(services, { code: `city-${n}`, name: "玉溪市教育督导室", kind: "市" });
  const county = await seedOrganisation(services, {
    parent: city,
    code: `county-${n}`,
    name: "元江县",
    kind: "县",
  });
  const finance = await seedOrganisation(services, {
    parent: county,
    code: `finance-${n}`,
    name: "元江县财政局",
    kind: "部门",
  });
  const town1 = await seedOrganisation(services, {
    parent: county,
    code: `town1-${n}`,
    name: "因远镇",
    kind: "乡镇",
  });
  const town2 = await seedOrganisation(services, {
    parent: county,
    code: `town2-${n}`,
    name: "澧江街道",
    kind: "乡镇",
  });
  const other = await seedOrganisation(services, {
    parent: city,
    code: `other-${n}`,
    name: "新平县",
    kind: "县",
  });
  const users: Array<[string, Parameters<typeof seedUser>[1]["grants"]]> = [
    ["organiser", [{ role: "organiser", organisation: city }]],
    ["head", [{ role: "unit_head", organisation: county }]],
    ["staff", [{ role: "unit_staff", organisation: county }]],
    ["dept", [{ role: "department_staff", organisation: finance }]],
    ["town1head", [{ role: "unit_head", organisation: town1 }]],
    ["town2head", [{ role: "unit_head", organisation: town2 }]],
    ["otherhead", [{ role: "unit_head", organisation: other }]],
    ["reviewer", [{ role: "reviewer", organisation: city }]],
  ];
  const ids: Record<string, string> = {};
  for (const [name, grants] of users)
    ids[name] = await seedUser(services, { username: `${name}-${n}`, grants });

  const source = schemeSource("s02-county-education-supervision");
  const load = parseScheme(source);
  if (!load.ok) throw new Error(load.problems.map((p) => p.message).join("\n"));
  const scheme = await services.db
    .insertInto("schemes")
    .values({ code: `s02-${n}`, name: load.scheme.definition.name, owner_id: city.id })
    .returning("id")
    .executeTakeFirstOrThrow();
  const version = await services.db
    .insertInto("scheme_versions")
    .values({
      scheme_id: scheme.id,
      label: "v1",
      format: "yaml",
      source,
      definition: JSON.stringify(load.scheme.definition),
      source_hash: createHash("sha256").update(source).digest("hex"),
      frozen: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const campaign = await services.db
    .insertInto("campaigns")
    .values({
      organiser_id: city.id,
      name: "2026年县级政府教育工作督导评估",
      year: 2026,
      scheme_version_id: version.id,
      status: "running",
      settings: "{}",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const at = new Date("2026-01-01T00:00:00Z");
  const stages = ["deploy", "self_evaluation", "preliminary", "review", "grading"];
  await services.db
    .insertInto("campaign_stages")
    .values(
      stages.map((stage, i) => ({
        campaign_id: campaign.id,
        stage,
        position: i + 1,
        opened_at: i <= 1 ? at : null,
        closed_at: i === 0 ? at : null,
      })),
    )
    .execute();
  const units: Array<[SeededOrganisation, "evaluated" | "reporting"]> = [
    [county, "evaluated"],
    [other, "evaluated"],
    [town1, "reporting"],
    [town2, "reporting"],
  ];
  for (const [org, role] of units) {
    await services.db
      .insertInto("campaign_units")
      .values({ campaign_id: campaign.id, organisation_id: org.id, role })
      .execute();
    await services.db
      .insertInto("self_evaluations")
      .values({ campaign_id: campaign.id, organisation_id: org.id, report: "{}", data: "{}", bonus: "{}" })
      .execute();
  }
  await services.db
    .insertInto("review_assignments")
    .values({
      campaign_id: campaign.id,
      user_id: ids.reviewer!,
      group_code: "review",
      organisation_id: county.id,
    })
    .execute();
  return {
    campaignId: campaign.id,
    city,
    county,
    finance,
    town1,
    town2,
    other,
    url: (org, rest = "") => `/campaigns/${campaign.id}/self-evaluations/${org.id}${rest}`,
  };
}

/** Moves the open stage (closing the ones before it). */
export async function openStage(services: Services, campaignId: string, stage: string | null): Promise<void> {
  const rows = await services.db
    .selectFrom("campaign_stages")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .orderBy("position")
    .execute();
  const target = rows.find((r) => r.stage === stage)?.position ?? Number.POSITIVE_INFINITY;
  const at = services.clock.now();
  for (const r of rows) {
    await services.db
      .updateTable("campaign_stages")
      .set(
        r.position < target
          ? { opened_at: r.opened_at ?? at, closed_at: r.closed_at ?? at }
          : r.position === target
            ? { opened_at: at, closed_at: null }
            : { opened_at: null, closed_at: null },
      )
      .where("campaign_id", "=", campaignId)
      .where("stage", "=", r.stage)
      .execute();
  }
}

/** 元江县's self-evaluation inputs from schemes/s02…/units.json (复评 91.5, D级危房 16.21% → 合格县). */
export const YUANJIANG_SCORES: Record<string, unknown> = {
  "B1.1": 5,
  "B1.2": { checked: ["staff", "annual-work"] },
  "B2.1": { checked: ["appropriation", "per-pupil", "salary-and-public"] },
  "B2.2": { deductions: {} },
  "B2.3": 6,
  "B3.2": 6.5,
  "B3.3": 7,
  "B4.1": 5,
  "B4.2": true,
  "B6.1": { deductions: {} },
  "B6.2": { deductions: {} },
};

/** The county's tables and its two townships' (which add up to it). */
export const COUNTY_TABLES = {
  T1: {
    primary: { age_population: 17000, enrolled: 16966 },
    junior: { age_population: 8400, enrolled: 8150 },
  },
  T2: { junior: { students: 8000, dropouts: 207, cohort_entry: 7800, graduates: 7680 } },
  T3: {
    primary: { building_area: 181209, d_danger_area: 30000 },
    junior: { building_area: 100000, d_danger_area: 15584 },
    total: { building_area: 281209, d_danger_area: 45584 },
  },
};
export const TOWN1_TABLES = {
  T1: {
    primary: { age_population: 10000, enrolled: 9990 },
    junior: { age_population: 5000, enrolled: 4900 },
  },
  T2: { junior: { students: 5000, dropouts: 100, cohort_entry: 4800, graduates: 4700 } },
  T3: {
    primary: { building_area: 100000, d_danger_area: 20000 },
    junior: { building_area: 60000, d_danger_area: 10000 },
    total: { building_area: 160000, d_danger_area: 30000 },
  },
};
export const TOWN2_TABLES = {
  T1: { primary: { age_population: 7000, enrolled: 6976 }, junior: { age_population: 3400, enrolled: 3250 } },
  T2: { junior: { students: 3000, dropouts: 107, cohort_entry: 3000, graduates: 2980 } },
  T3: {
    primary: { building_area: 81209, d_danger_area: 10000 },
    junior: { building_area: 40000, d_danger_area: 5584 },
    total: { building_area: 121209, d_danger_area: 15584 },
  },
};
