/** How campaigns look through the API. */
import { formatShort } from "@kaoping/core";
import { z } from "zod";
import type { CampaignContext } from "./campaign-context.js";
import { currentStage, type StageState, stageName } from "./stages.js";

const Instant = z.string().nullable();
const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export const StageView = z.object({
  stage: z.string(),
  name: z.string(),
  position: z.number().int(),
  startsAt: Instant,
  deadline: Instant,
  openedAt: Instant,
  closedAt: Instant,
});
export type StageView = z.infer<typeof StageView>;

export const presentStage = (s: StageState): StageView => ({
  stage: s.stage,
  name: stageName(s.stage),
  position: s.position,
  startsAt: iso(s.startsAt),
  deadline: iso(s.deadline),
  openedAt: iso(s.openedAt),
  closedAt: iso(s.closedAt),
});

export const CampaignSettingsView = z.object({ reviewersSeeSelfScores: z.boolean() });

export const CampaignSummaryView = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  status: z.enum(["draft", "running", "published"]),
  organiserId: z.string(),
  organiserName: z.string(),
  schemeVersionId: z.string(),
  schemeCode: z.string(),
  schemeName: z.string(),
  schemeVersionLabel: z.string(),
  currentStage: z.string().nullable(),
  unitCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  publishedAt: Instant,
});
export type CampaignSummaryView = z.infer<typeof CampaignSummaryView>;

export const RaterGroupView = z.object({
  code: z.string(),
  name: z.string(),
  weight: z.string(),
  members: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })),
});

export const CampaignView = CampaignSummaryView.extend({
  settings: CampaignSettingsView,
  stages: z.array(StageView),
  categories: z.array(z.object({ code: z.string(), name: z.string() })),
  raterGroups: z.array(RaterGroupView),
});
export type CampaignView = z.infer<typeof CampaignView>;

export const CampaignUnitView = z.object({
  organisationId: z.string(),
  code: z.string(),
  name: z.string(),
  role: z.enum(["evaluated", "reporting"]),
  category: z.string().nullable(),
  group: z.string().nullable(),
});
export type CampaignUnitView = z.infer<typeof CampaignUnitView>;

export const UnitProgressView = CampaignUnitView.extend({
  selfEvaluation: z
    .object({
      id: z.string(),
      status: z.enum(["draft", "submitted", "returned", "accepted"]),
      submittedAt: Instant,
      submissions: z.number().int(),
      returnedReason: z.string().nullable(),
    })
    .nullable(),
  /** Not submitted although the self-evaluation deadline has passed. */
  late: z.boolean(),
});

export const StageProgressView = StageView.extend({
  open: z.boolean(),
  late: z.array(z.object({ organisationId: z.string(), code: z.string(), name: z.string() })),
});

export const ProgressView = z.object({
  campaignId: z.string(),
  status: z.enum(["draft", "running", "published"]),
  currentStage: z.string().nullable(),
  now: z.string(),
  stages: z.array(StageProgressView),
  units: z.object({
    items: z.array(UnitProgressView),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  }),
  counts: z.record(z.string(), z.number().int()),
});
export type ProgressView = z.infer<typeof ProgressView>;

export function settingsOf(campaign: Pick<CampaignContext, "settings">) {
  return { reviewersSeeSelfScores: campaign.settings.reviewersSeeSelfScores ?? false };
}

export const raterWeight = formatShort;
export { currentStage, iso };
