/** The API's review, sampling and assignment shapes this folder uses. */
import type { ResponseOf } from "../../api/types.js";

export type UnitReview = ResponseOf<"/api/v1/campaigns/{id}/units/{orgId}/review", "get">;
export type ReviewSheet = UnitReview["sheets"][number];
export type Finding = ResponseOf<"/api/v1/campaigns/{id}/units/{orgId}/findings", "get">["items"][number];
export type Assignments = ResponseOf<"/api/v1/campaigns/{id}/assignments", "get">;
export type ReviewProgress = ResponseOf<"/api/v1/campaigns/{id}/review-progress", "get">;
export type UnitProgress = ReviewProgress["units"][number];
export type Draw = ResponseOf<"/api/v1/campaigns/{id}/draws", "get">["items"][number];
export type DrawVerification = ResponseOf<"/api/v1/campaigns/{id}/draws/{drawId}/verify", "get">;
export type SchemeVersion = ResponseOf<"/api/v1/scheme-versions/{id}", "get">;
export type SelfEvaluationItem = ResponseOf<
  "/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}",
  "get"
>["items"][number];
export type Evidence = SelfEvaluationItem["evidence"][number];
export type CampaignUnit = ResponseOf<"/api/v1/campaigns/{id}/units", "get">["items"][number];
export type UserSummary = ResponseOf<"/api/v1/users", "get">["items"][number];
export type OrganisationSummary = ResponseOf<"/api/v1/organisations", "get">["items"][number];

/** The one group of a scheme without rater groups (评估组), as the server names it. */
export const REVIEW_GROUP = "review";
