/** How a batch job is shown: its progress bar's state, and whether the page should keep polling it. */
import type { JobSummary } from "../../api/types.js";

export const isActive = (job: Pick<JobSummary, "status">): boolean =>
  job.status === "queued" || job.status === "running";

export function progressStatus(
  job: Pick<JobSummary, "status" | "failed">,
): "active" | "success" | "exception" | "normal" {
  if (isActive(job)) return "active";
  if (job.status === "succeeded") return "success";
  if (job.status === "cancelled") return "normal";
  return "exception";
}
