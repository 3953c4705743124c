/**
 * The feed source of cases: for each field a campaign maps to a case measure, every unit's value over the period.
 * One grouped count query per (case type, period), whatever the number of units or cases. A unit with no case
 * gets 0 for a count and no value (null) for a rate.
 */
import { measureValue } from "@kaoping/core";
import type { Db } from "../../db/open-database.js";
import { emptyFedValues, type FedValues, type FeedSource } from "../feeds/feed-source.js";
import { caseCounts, NO_CASES } from "./case-counts.js";
import { campaignCaseFeeds, feedOrigin } from "./case-feeds.js";

export const caseFeedSource: FeedSource = {
  async load(db: Db, campaignId: string, organisationIds?: ReadonlyArray<string>) {
    const out = new Map<string, FedValues>();
    const feeds = await campaignCaseFeeds(db, campaignId);
    if (feeds.length === 0) return out;
    let units = db
      .selectFrom("campaign_units")
      .select("organisation_id")
      .where("campaign_id", "=", campaignId);
    if (organisationIds !== undefined) {
      if (organisationIds.length === 0) return out;
      units = units.where("organisation_id", "in", [...organisationIds]);
    }
    const unitIds = (await units.execute()).map((u) => u.organisation_id);
    for (const id of unitIds) out.set(id, emptyFedValues());
    const counted = new Map<string, Awaited<ReturnType<typeof caseCounts>>>();
    for (const feed of feeds) {
      const period = { from: new Date(feed.period_from), to: new Date(feed.period_to) };
      const key = `${feed.case_type_id}|${period.from.toISOString()}|${period.to.toISOString()}`;
      let counts = counted.get(key);
      if (counts === undefined) {
        counts = await caseCounts(db, feed.case_type_id, period, unitIds);
        counted.set(key, counts);
      }
      const origin = feedOrigin(feed.type_name, period, feed.measure);
      for (const [unitId, values] of out) {
        values.data[feed.field_code] = measureValue(counts.get(unitId) ?? NO_CASES, feed.measure);
        values.origins[feed.field_code] = origin;
      }
    }
    return out;
  },
};
