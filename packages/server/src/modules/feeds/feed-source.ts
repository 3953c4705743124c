/**
 * 自动采集的数据: base data and leaf inputs that come from Kaoping's own records (cases with deadlines, satisfaction
 * surveys) instead of being typed by the unit. A source gives, for a campaign's units, field values and leaf inputs;
 * they take the place of anything typed for the same code, and the self-evaluation form shows them read-only with
 * where they came from.
 */
import type { FieldValue, LeafInput } from "@kaoping/core";
import type { Db } from "../../db/open-database.js";

export interface FedValues {
  /** Base-data field code → value. */
  data: Record<string, FieldValue>;
  /** Leaf indicator code → input (e.g. a satisfaction indicator's answer counts). */
  scores: Record<string, LeafInput>;
  /** Field or indicator code → where the value came from, in Chinese ("案件系统：数字化城管案件 2026年 派遣数"). */
  origins: Record<string, string>;
}

export interface FeedSource {
  /** The fed values of the campaign's units, keyed by organisation id; `organisationIds` narrows to some units. */
  load(db: Db, campaignId: string, organisationIds?: ReadonlyArray<string>): Promise<Map<string, FedValues>>;
}

export function emptyFedValues(): FedValues {
  return { data: {}, scores: {}, origins: {} };
}
