/**
 * Filling in the "four specifics": the unit (or the organiser) sets the target, measures and responsible person
 * while the item is still being rectified; the problem, indicator and deadline are the organiser's to change.
 */
import { isOpenRectification } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, forbidden } from "../../errors.js";
import { expectOneUpdated, write } from "../../write.js";
import { isCampaignOrganiser } from "../campaigns/campaign-context.js";
import { deadlineOf, requireIndicator, text } from "./item-input.js";
import {
  loadItem,
  presentItem,
  type RectificationItemView,
  requireUnitOrOrganiser,
  selectItems,
} from "./rectification-item.js";

export interface SpecificsInput {
  version: number;
  target?: string | null | undefined;
  measures?: string | null | undefined;
  responsiblePerson?: string | null | undefined;
  /** The organiser's only. */
  problem?: string | undefined;
  indicatorCode?: string | null | undefined;
  deadline?: string | undefined;
}

export async function updateSpecifics(
  services: Services,
  actor: Actor,
  id: string,
  input: SpecificsInput,
): Promise<RectificationItemView> {
  const item = await loadItem(services.db, id);
  requireUnitOrOrganiser(actor, item);
  const { row, campaign } = item;
  const organiserOnly = (["problem", "indicatorCode", "deadline"] as const).filter(
    (k) => input[k] !== undefined,
  );
  if (organiserOnly.length > 0 && !isCampaignOrganiser(actor, campaign))
    throw forbidden(`only the organisers may change ${organiserOnly.join(", ")}`);
  if (!isOpenRectification(row.status))
    throw new AppError("locked", [{ path: "status", message: `the item is ${row.status}` }], {
      zh: "事项已报告整改完成，不能再修改“四个具体”",
      en: "The item has been reported; its specifics cannot change",
    });
  requireIndicator(campaign, input.indicatorCode, "body.indicatorCode");
  const changes = {
    ...(input.target === undefined ? {} : { target: text(input.target) }),
    ...(input.measures === undefined ? {} : { measures: text(input.measures) }),
    ...(input.responsiblePerson === undefined ? {} : { responsible_person: text(input.responsiblePerson) }),
    ...(input.problem === undefined ? {} : { problem: input.problem.trim() }),
    ...(input.indicatorCode === undefined ? {} : { indicator_code: input.indicatorCode }),
    ...(input.deadline === undefined ? {} : { deadline: deadlineOf(input.deadline, "body.deadline") }),
  };
  return write(services, authorOf(actor), async (w) => {
    const result = await w.trx
      .updateTable("rectification_items")
      .set((eb) => ({ ...changes, version: eb("version", "+", 1), updated_at: w.now }))
      .where("id", "=", id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    expectOneUpdated(result);
    await w.audit({
      action: "rectification.specifics_updated",
      entityType: "rectification_item",
      entityId: id,
      organisationId: row.organisation_id,
      campaignId: row.campaign_id,
      before: {
        target: row.target,
        measures: row.measures,
        responsiblePerson: row.responsible_person,
        problem: row.problem,
        indicatorCode: row.indicator_code,
        deadline: new Date(row.deadline).toISOString(),
      },
      after: changes,
    });
    const updated = await selectItems(w.trx).where("ri.id", "=", id).executeTakeFirstOrThrow();
    return presentItem(updated, campaign, w.now);
  });
}
