/** The API's rectification shapes, and the colours their statuses show in. */
import type { ResponseOf } from "../../api/types.js";

export type ItemList = ResponseOf<"/api/v1/campaigns/{id}/rectification-items", "get">;
export type Item = ItemList["items"][number];
export type ItemDetail = ResponseOf<"/api/v1/rectification-items/{id}", "get">;
export type Status = Item["status"];
export const STATUSES: Status[] = ["pending", "in_progress", "reported", "verified", "closed"];

export const STATUS_COLOURS: Record<Status, string> = {
  pending: "default",
  in_progress: "processing",
  reported: "warning",
  verified: "cyan",
  closed: "success",
};
