/**
 * A leaf's scoring method as the scheme writes it (the self-evaluation view passes it through), narrowed to what
 * a reviewer types: a manual score, deductions with counts, a checklist, a level, or yes/no. Formula and
 * satisfaction leaves are computed from the unit's data and take no input.
 */
export type LeafMethod =
  | { type: "manual"; step: number | null }
  | {
      type: "deductions";
      rules: Array<{ code: string; text: string; points: string; perOccurrence: boolean }>;
    }
  | { type: "checklist"; items: Array<{ code: string; text: string; points: string }> }
  | { type: "levels"; levels: Array<{ code: string; name: string }> }
  | { type: "boolean"; text: string }
  | { type: "computed" };

type Raw = Record<string, unknown>;
const text = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "");
const list = (v: unknown): Raw[] =>
  Array.isArray(v) ? v.filter((x): x is Raw => typeof x === "object" && x !== null) : [];

export function leafMethod(raw: unknown): LeafMethod {
  const m = (typeof raw === "object" && raw !== null ? raw : {}) as Raw;
  switch (m.type) {
    case "manual":
      return { type: "manual", step: typeof m.step === "number" ? m.step : null };
    case "deductions":
      return {
        type: "deductions",
        rules: list(m.rules).map((r) => ({
          code: text(r.code),
          text: text(r.text ?? r.name),
          points: text(r.points),
          perOccurrence: r.perOccurrence === true,
        })),
      };
    case "checklist":
      return {
        type: "checklist",
        items: list(m.items).map((i) => ({
          code: text(i.code),
          text: text(i.text ?? i.name),
          points: text(i.points),
        })),
      };
    case "levels":
      return {
        type: "levels",
        levels: list(m.levels).map((l) => ({ code: text(l.code), name: text(l.name ?? l.code) })),
      };
    case "boolean":
      return { type: "boolean", text: text(m.text) };
    default:
      return { type: "computed" };
  }
}
