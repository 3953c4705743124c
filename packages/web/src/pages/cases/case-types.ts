/** Response types of the cases API. */
import type { ResponseOf } from "../../api/types.js";

export type CaseType = ResponseOf<"/api/v1/case-types", "get">["items"][number];
export type CaseSummary = ResponseOf<"/api/v1/cases", "get">["items"][number];
export type CaseDetail = ResponseOf<"/api/v1/cases/{id}", "get">;
export type RatesTable = ResponseOf<"/api/v1/case-types/{id}/rates", "get">;
export type CaseFeed = ResponseOf<"/api/v1/campaigns/{id}/case-feeds", "get">["items"][number];
export const MEASURES = [
  "received",
  "closed",
  "closed_on_time",
  "revisited",
  "close_rate",
  "on_time_rate",
  "revisit_rate",
] as const;
