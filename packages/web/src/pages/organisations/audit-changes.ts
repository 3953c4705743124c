/** What an audit row changed: the fields whose value differs between `before` and `after`, values as short text. */

export interface Change {
  field: string;
  /** null when the row has no `before` (a creation) or the field was absent. */
  before: string | null;
  after: string | null;
}

const LIMIT = 120;

/** A value as one line: text as it is, anything else as compact JSON, cut at LIMIT characters. */
export function shortValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > LIMIT ? `${text.slice(0, LIMIT - 1)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The changed fields in the order `after` names them, then those only `before` has. */
export function changesOf(before: unknown, after: unknown): Change[] {
  if (!isRecord(before) && !isRecord(after)) {
    const b = shortValue(before);
    const a = shortValue(after);
    return a === b ? [] : [{ field: "", before: b, after: a }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const created = !isRecord(before);
  return fields.flatMap((field) => {
    // A partial update names only what it set: a field missing from `after` did not change.
    if (!created && !(field in a)) return [];
    if (!created && JSON.stringify(b[field]) === JSON.stringify(a[field])) return [];
    return [{ field, before: created ? null : shortValue(b[field]), after: shortValue(a[field]) }];
  });
}
