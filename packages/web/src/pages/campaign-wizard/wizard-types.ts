/** The API shapes the campaign wizard works with. */
import type { ResponseOf } from "../../api/types.js";

export type { Campaign } from "../../api/types.js";
export type SchemeVersion = ResponseOf<"/api/v1/scheme-versions/{id}", "get">;
export type Organisation = ResponseOf<"/api/v1/organisations", "get">["items"][number];
export type User = ResponseOf<"/api/v1/users", "get">["items"][number];
export type CampaignUnit = ResponseOf<"/api/v1/campaigns/{id}/units", "get">["items"][number];

/** The part of a scheme's definition the wizard shows: rater aggregation and the grading rules. */
export interface SchemeRules {
  raters?: {
    missingGroup?: "renormalize" | "fail";
    aggregation?: Aggregation;
    groups?: Array<{ code: string; aggregation?: Aggregation }>;
  };
  grading?: {
    basis?: "total" | "rate";
    grades?: Array<{
      code: string;
      name: string;
      min?: number | string;
      quota?: { share: number | string; of?: string; from?: "top" | "bottom" };
    }>;
    groupBy?: unknown;
    quotaRounding?: "halfUp" | "floor" | "ceil";
    tieBreak?: Array<string | { indicator: string }>;
  };
}

export type Aggregation = "mean" | "median" | { method: string; minRaters?: number };

export const rulesOf = (scheme: SchemeVersion): SchemeRules => scheme.definition as SchemeRules;
