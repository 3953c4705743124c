/** Putting a refused request's messages where they belong: at the form's fields, the rest above the form. */
import type { FormInstance } from "antd";
import { ApiError } from "../../api/errors.js";

/** "definition.stages.3.actor" → ["definition", "stages", 3, "actor"]: a list's entries are named by number. */
const namePath = (name: string) => name.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** Marks the fields the server named and returns the error when something was not about a field. */
export function showAtFields<T>(form: FormInstance<T>, error: unknown): ApiError | null {
  if (!(error instanceof ApiError)) throw error;
  const fields = error.fieldErrors();
  form.setFields(Object.entries(fields).map(([name, errors]) => ({ name: namePath(name) as never, errors })));
  return Object.keys(fields).length === 0 || error.generalDetails().length > 0 ? error : null;
}
