/**
 * The campaigns the dashboard can show figures of: the published ones and the running ones that already have a
 * grading run (told by their overview), newest first; the default is the latest published.
 */
import type { CampaignSummary } from "../../api/types.js";
import type { CampaignOverview } from "./dashboard-api.js";

export function campaignChoices(
  campaigns: readonly CampaignSummary[],
  overviews: ReadonlyMap<string, CampaignOverview>,
): CampaignSummary[] {
  return campaigns
    .filter((c) => c.status === "published" || (overviews.get(c.id)?.latestRun ?? null) !== null)
    .sort((a, b) => b.year - a.year || b.createdAt.localeCompare(a.createdAt));
}

export function defaultCampaign(choices: readonly CampaignSummary[]): CampaignSummary | undefined {
  const published = choices
    .filter((c) => c.status === "published")
    .sort((a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? "") || b.year - a.year);
  return published[0] ?? choices[0];
}
