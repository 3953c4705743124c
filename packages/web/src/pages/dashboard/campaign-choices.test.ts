import { describe, expect, it } from "vitest";
import type { CampaignSummary } from "../../api/types.js";
import { campaignChoices, defaultCampaign } from "./campaign-choices.js";
import type { CampaignOverview } from "./dashboard-api.js";

const campaign = (
  id: string,
  year: number,
  status: CampaignSummary["status"],
  publishedAt: string | null = null,
) => ({ id, name: id, year, status, createdAt: `${year}-01-01`, publishedAt }) as CampaignSummary;

describe("campaignChoices", () => {
  const campaigns = [
    campaign("s4-2025", 2025, "published", "2026-02-10"),
    campaign("s4-2024", 2024, "published", "2025-02-10"),
    campaign("s4-2026", 2026, "running"),
    campaign("s7-2026", 2026, "running"),
    campaign("draft", 2026, "draft"),
  ];
  const overviews = new Map([
    ["s4-2026", { latestRun: { id: "r", number: 1, createdAt: "" } } as CampaignOverview],
    ["s7-2026", { latestRun: null } as CampaignOverview],
  ]);

  it("offers published campaigns and running ones with a run, newest first", () => {
    expect(campaignChoices(campaigns, overviews).map((c) => c.id)).toEqual(["s4-2026", "s4-2025", "s4-2024"]);
  });

  it("defaults to the latest published, else the newest", () => {
    expect(defaultCampaign(campaignChoices(campaigns, overviews))?.id).toBe("s4-2025");
    expect(defaultCampaign([campaign("s4-2026", 2026, "running")])?.id).toBe("s4-2026");
    expect(defaultCampaign([])).toBeUndefined();
  });
});
