/** The dashboard's first load: the campaigns the user may read and the overview of each running one. */
import { api, call } from "../../api/client.js";
import { optional } from "../../api/optional.js";
import type { CampaignSummary } from "../../api/types.js";
import type { CampaignOverview } from "./dashboard-api.js";

export interface DashboardCampaigns {
  campaigns: CampaignSummary[];
  /** Overviews of the running campaigns, by id (left out where the user may not read it). */
  overviews: Map<string, CampaignOverview>;
}

export async function loadDashboardCampaigns(): Promise<DashboardCampaigns> {
  const page = await call(api.GET("/api/v1/campaigns", { params: { query: { limit: 500 } } }));
  const running = page.items.filter((c) => c.status === "running");
  const overviews = await Promise.all(
    running.map((c) =>
      optional(call(api.GET("/api/v1/campaigns/{id}/overview", { params: { path: { id: c.id } } }))),
    ),
  );
  return {
    campaigns: page.items,
    overviews: new Map(
      overviews.filter((o): o is CampaignOverview => o !== null).map((o) => [o.campaignId, o]),
    ),
  };
}
