/**
 * The conflict-of-interest rule (回避) as the server applies it when assignments are saved: a reviewer does not
 * score their own organisation nor any organisation above it. A reviewer with no organisation has no conflict.
 */

/** The organisations a reviewer of `organisationId` may not score: it and its ancestors (by `parentOf`). */
export function conflictedUnits(
  organisationId: string | null,
  parentOf: ReadonlyMap<string, string | null>,
): Set<string> {
  const out = new Set<string>();
  let at = organisationId;
  while (at !== null && at !== undefined && !out.has(at)) {
    out.add(at);
    at = parentOf.get(at) ?? null;
  }
  return out;
}
