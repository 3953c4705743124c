/** Response types of the API, taken from the generated `paths`. */
import type { paths } from "./schema.js";

/** The JSON a successful (200 or 201) `method` on `path` answers. */
export type ResponseOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer T } } };
}
  ? T
  : paths[P][M] extends { responses: { 201: { content: { "application/json": infer T } } } }
    ? T
    : never;

export type Session = ResponseOf<"/api/v1/auth/session", "get">;
export type Role = Session["user"]["grants"][number]["role"];
export type CampaignPage = ResponseOf<"/api/v1/campaigns", "get">;
export type CampaignSummary = CampaignPage["items"][number];
export type Campaign = ResponseOf<"/api/v1/campaigns/{id}", "get">;
export type CampaignProgress = ResponseOf<"/api/v1/campaigns/{id}/progress", "get">;
export type ProgressUnit = CampaignProgress["units"]["items"][number];
export type ReviewPage = ResponseOf<"/api/v1/reviews", "get">;
export type ReviewItem = ReviewPage["items"][number];
export type GradingRunPage = ResponseOf<"/api/v1/campaigns/{id}/grading-runs", "get">;
export type GradingRunSummary = GradingRunPage["items"][number];
export type GradingRun = ResponseOf<"/api/v1/grading-runs/{id}", "get">;
export type RankedUnit = GradingRun["items"][number];
export type SelfEvaluation = ResponseOf<
  "/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}",
  "get"
>;
export type SelfEvaluationStatus = SelfEvaluation["status"];
export type JobPage = ResponseOf<"/api/v1/campaigns/{campaignId}/jobs", "get">;
export type JobSummary = JobPage["items"][number];
export type Job = ResponseOf<"/api/v1/jobs/{id}", "get">;
export type DocumentKind = ResponseOf<"/api/v1/document-kinds", "get">[number];
export type DocumentTemplate = ResponseOf<
  "/api/v1/organisations/{organisationId}/document-templates",
  "get"
>[number];
export type WorkbookImport = ResponseOf<
  "/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}/workbook",
  "post"
>;
export type TableWorkbookImport = ResponseOf<
  "/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}/tables/{tableCode}/workbook",
  "post"
>;
