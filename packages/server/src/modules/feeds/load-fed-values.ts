/** The fed values of a campaign's units from every source, merged. */
import type { Db } from "../../db/open-database.js";
import { emptyFedValues, type FedValues } from "./feed-source.js";
import { feedSources } from "./sources.js";

export async function loadFedValues(
  db: Db,
  campaignId: string,
  organisationIds?: ReadonlyArray<string>,
): Promise<Map<string, FedValues>> {
  const merged = new Map<string, FedValues>();
  for (const source of feedSources) {
    for (const [organisationId, values] of await source.load(db, campaignId, organisationIds)) {
      let target = merged.get(organisationId);
      if (target === undefined) {
        target = emptyFedValues();
        merged.set(organisationId, target);
      }
      Object.assign(target.data, values.data);
      Object.assign(target.scores, values.scores);
      Object.assign(target.origins, values.origins);
    }
  }
  return merged;
}
