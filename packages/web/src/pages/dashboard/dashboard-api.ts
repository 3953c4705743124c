/** The dashboard's API answers (GET /grading-runs/:id/dashboard, …/radar, /organisations/:id/trend, …/overview). */
import type { ResponseOf } from "../../api/types.js";

export type RunDashboard = ResponseOf<"/api/v1/grading-runs/{id}/dashboard", "get">;
export type UnitRadar = ResponseOf<"/api/v1/grading-runs/{id}/units/{orgId}/radar", "get">;
export type UnitTrend = ResponseOf<"/api/v1/organisations/{id}/trend", "get">;
export type CampaignOverview = ResponseOf<"/api/v1/campaigns/{id}/overview", "get">;
