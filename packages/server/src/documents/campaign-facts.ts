/** Facts about a campaign that the documents issued by its organiser state: who issues them and how it went. */
import type { CompiledScheme } from "@kaoping/core";
import type { Services } from "../context.js";
import type { CampaignContext } from "../modules/campaigns/campaign-context.js";
import { STAGES } from "../modules/campaigns/stages.js";

export async function organiserOf(
  services: Services,
  campaign: CampaignContext,
): Promise<{ code: string; name: string }> {
  return services.db
    .selectFrom("organisations")
    .select(["code", "name"])
    .where("id", "=", campaign.organiserId)
    .executeTakeFirstOrThrow();
}

/** The stages that produced the results, as a document names them: "单位自评、初审、实地评估/复评、汇总定级、公示". */
export function procedureText(campaign: CampaignContext): string {
  const producing = new Set(["self_evaluation", "preliminary", "review", "social", "grading", "publicity"]);
  return STAGES.filter((s) => producing.has(s.code) && campaign.stages.some((c) => c.stage === s.code))
    .map((s) => s.zh)
    .join("、");
}

/** The names of the veto rules (一票否决) a unit tripped, by their codes. */
export const vetoNames = (plan: CompiledScheme, codes: readonly string[]): string[] =>
  codes.map((code) => plan.vetoes.find((v) => v.code === code)?.name ?? code);
