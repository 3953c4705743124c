/** What the campaign page gives each of its tabs (progress, review, grading): the campaign and a way to reload it. */
import type { Campaign } from "../api/types.js";

export interface CampaignTabProps {
  campaign: Campaign;
  /** Reload the campaign (after a stage moved, a run was made…). */
  reload(): void;
}
