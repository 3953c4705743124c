/**
 * A campaign's evidence archive: one folder per evaluated unit (`<code> <name>/`) holding that unit's archive.
 * Units are read a page at a time, so the archive of thousands of units streams in bounded memory.
 */
import type { Actor } from "../../access/actor.js";
import { appendUnitArchive } from "../../archives/unit-archive.js";
import { zipStream } from "../../archives/zip-stream.js";
import type { Services } from "../../context.js";
import { loadCampaign, requireCampaignViewer } from "../campaigns/campaign-context.js";
import { sanitiseFileName } from "../evidence/sanitise-file-name.js";
import { type ArchiveDownload, unitFolderName } from "./unit-archive.js";

const PAGE = 100;

export async function campaignArchive(
  services: Services,
  actor: Actor,
  campaignId: string,
): Promise<ArchiveDownload> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireCampaignViewer(actor, campaign);
  const fill = async (zip: Parameters<typeof appendUnitArchive>[2]) => {
    for (let after = ""; ; ) {
      const units = await services.db
        .selectFrom("campaign_units")
        .innerJoin("organisations", "organisations.id", "campaign_units.organisation_id")
        .innerJoin("self_evaluations", (join) =>
          join
            .onRef("self_evaluations.campaign_id", "=", "campaign_units.campaign_id")
            .onRef("self_evaluations.organisation_id", "=", "campaign_units.organisation_id"),
        )
        .select(["organisations.id", "organisations.code", "organisations.name", "self_evaluations.id as se"])
        .where("campaign_units.campaign_id", "=", campaignId)
        .where("campaign_units.role", "=", "evaluated")
        .where("organisations.code", ">", after)
        .orderBy("organisations.code")
        .limit(PAGE)
        .execute();
      for (const unit of units) {
        await appendUnitArchive(
          services,
          actor,
          zip,
          { campaignId, scheme: campaign.scheme, organisationId: unit.id, selfEvaluationId: unit.se },
          `${unitFolderName(unit)}/`,
        );
      }
      if (units.length < PAGE) return;
      after = units[units.length - 1]!.code;
    }
  };
  return { fileName: sanitiseFileName(`${campaign.name} 资料归档.zip`), content: zipStream(fill) };
}
