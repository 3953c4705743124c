/**
 * A leaf's method as the self-evaluation form sees it, and the translation between the API's leaf input (any of
 * the scheme format's shorthands: `7.5`, `"B"`, `true`, `{ deductions: {} }`, `{ na: true }` …) and the form's
 * values. Values are checked here before they are sent, with the same rules the engine applies.
 */

export interface DeductionRule {
  code: string;
  text: string;
  points: number | string;
  perOccurrence?: boolean;
  cap?: number | string;
}

export type Method =
  | { type: "manual"; step?: number | string }
  | { type: "deductions"; rules: DeductionRule[] }
  | { type: "checklist"; items: Array<{ code: string; text: string; points: number | string }> }
  | { type: "levels"; levels: Array<{ code: string; name: string; share: number | string }> }
  | { type: "boolean"; text?: string; trueShare?: number | string; falseShare?: number | string }
  | { type: "formula" | "satisfaction" };

/** What the form edits; `undefined` parts are not filled in yet. */
export interface FormValue {
  na: boolean;
  score?: number | null;
  deductions?: Record<string, number>;
  checked?: string[];
  level?: string | null;
  value?: boolean | null;
  /** A note carried by the stored input (扣分理由), kept as it is. */
  note?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function methodOf(raw: unknown): Method | null {
  if (!isObject(raw) || typeof raw.type !== "string") return null;
  return raw as unknown as Method;
}

/** The stored input as form values; an empty input gives the method's empty form. */
export function formFromInput(method: Method, input: unknown): FormValue {
  const note = isObject(input) && typeof input.note === "string" ? { note: input.note } : {};
  if (isObject(input) && input.na === true) return { na: true, ...note };
  switch (method.type) {
    case "manual": {
      const raw = isObject(input) ? input.score : input;
      const score = raw === null || raw === undefined || raw === "" ? null : Number(raw);
      return { na: false, score: Number.isFinite(score) ? score : null, ...note };
    }
    case "deductions": {
      const counts = isObject(input) && isObject(input.deductions) ? input.deductions : undefined;
      const deductions: Record<string, number> = {};
      for (const [code, count] of Object.entries(counts ?? {}))
        if (typeof count === "number" && count > 0) deductions[code] = count;
      return counts === undefined ? { na: false, ...note } : { na: false, deductions, ...note };
    }
    case "checklist": {
      const checked = isObject(input) && Array.isArray(input.checked) ? input.checked.map(String) : undefined;
      return checked === undefined ? { na: false, ...note } : { na: false, checked, ...note };
    }
    case "levels": {
      const level = isObject(input) ? input.level : input;
      return { na: false, level: typeof level === "string" ? level : null, ...note };
    }
    case "boolean": {
      const value = isObject(input) ? input.value : input;
      return { na: false, value: typeof value === "boolean" ? value : null, ...note };
    }
    default:
      return { na: false, ...note };
  }
}

/** The API's input for the form, or null when nothing is entered yet (the leaf stays 未填写). */
export function inputFromForm(method: Method, form: FormValue): unknown {
  const note = form.note === undefined || form.note === "" ? {} : { note: form.note };
  if (form.na) return { na: true, ...note };
  switch (method.type) {
    case "manual":
      return form.score === null || form.score === undefined ? null : { score: form.score, ...note };
    case "deductions":
      return form.deductions === undefined
        ? null
        : {
            deductions: Object.fromEntries(Object.entries(form.deductions).filter(([, count]) => count > 0)),
            ...note,
          };
    case "checklist":
      return form.checked === undefined ? null : { checked: form.checked, ...note };
    case "levels":
      return form.level === null || form.level === undefined ? null : { level: form.level, ...note };
    case "boolean":
      return form.value === null || form.value === undefined ? null : { value: form.value, ...note };
    default:
      return null;
  }
}

/** Whole multiples of `step` in exact hundred-thousandths (7.5 is a multiple of 0.5, 7.3 is not). */
function isMultiple(value: number, step: number): boolean {
  const scale = 1_000_000;
  return Math.round(value * scale) % Math.round(step * scale) === 0;
}

export type FieldMessage =
  | { key: "self.error.scoreRange"; params: { max: string } }
  | { key: "self.error.scoreStep"; params: { step: string } }
  | { key: "self.error.count"; params: { code: string } }
  | { key: "self.error.once"; params: { code: string } };

/** Problems with the form's values, keyed by the part of the form they belong to ("score", "deductions.A4.a"). */
export function checkForm(method: Method, max: number, form: FormValue): Record<string, FieldMessage> {
  const problems: Record<string, FieldMessage> = {};
  if (form.na) return problems;
  if (method.type === "manual" && form.score !== null && form.score !== undefined) {
    const step = method.step === undefined ? undefined : Number(method.step);
    if (!(form.score >= 0 && form.score <= max))
      problems.score = { key: "self.error.scoreRange", params: { max: String(max) } };
    else if (step !== undefined && !isMultiple(form.score, step))
      problems.score = { key: "self.error.scoreStep", params: { step: String(step) } };
  }
  if (method.type === "deductions") {
    for (const rule of method.rules) {
      const count = form.deductions?.[rule.code] ?? 0;
      if (!Number.isInteger(count) || count < 0)
        problems[`deductions.${rule.code}`] = { key: "self.error.count", params: { code: rule.code } };
      else if (count > 1 && rule.perOccurrence !== true)
        problems[`deductions.${rule.code}`] = { key: "self.error.once", params: { code: rule.code } };
    }
  }
  return problems;
}

/** What the form's deductions take off (each rule capped), for the figure shown beside the rules. */
export function deductedPoints(method: Method, form: FormValue): number {
  if (method.type !== "deductions" || form.na) return 0;
  let total = 0;
  for (const rule of method.rules) {
    const count = form.deductions?.[rule.code] ?? 0;
    const points = Number(rule.points) * count;
    total += rule.cap === undefined ? points : Math.min(points, Number(rule.cap));
  }
  return Math.round(total * 1_000_000) / 1_000_000;
}

export const isComputed = (method: Method | null): boolean =>
  method?.type === "formula" || method?.type === "satisfaction";
