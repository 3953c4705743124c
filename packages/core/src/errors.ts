/** A problem found in a scheme or in inputs, located as precisely as the source allows. */
export interface Problem {
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  /** Where in the document: indicators[2].children[0].max, or a unit/indicator path for inputs. */
  path: string;
  /** The indicator code the problem belongs to, when there is one. */
  indicator?: string | undefined;
  /** The unit code, for input problems. */
  unit?: string | undefined;
  message: string;
}

/** Inputs that cannot be scored; nothing is scored when any problem is found. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(describeProblem).join("\n"));
    this.name = "InputError";
  }
}

export function describeProblem(p: Problem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}:${p.column ?? 1}` : ""}: ` : "";
  const who = [p.unit && `unit ${p.unit}`, p.indicator && `indicator ${p.indicator}`]
    .filter(Boolean)
    .join(", ");
  return `${where}${who ? `${who}: ` : ""}${p.message}${p.path ? ` (at ${p.path})` : ""}`;
}
