/** Shows a server's refusal in a form: messages at the fields they name, the rest returned for an alert. */
import type { FormInstance } from "antd";
import { ApiError } from "../../api/errors.js";

/** Returns the error to show above the form (null when every message found its field). */
export function showAtFields(form: FormInstance, error: unknown, fieldOf: (path: string) => string[] | null) {
  if (!(error instanceof ApiError)) throw error;
  const unplaced: string[] = [];
  const fields = Object.entries(error.fieldErrors()).flatMap(([path, errors]) => {
    const name = fieldOf(path);
    if (name === null) unplaced.push(path);
    return name === null ? [] : [{ name, errors }];
  });
  form.setFields(fields);
  return fields.length === 0 || unplaced.length > 0 || error.generalDetails().length > 0 ? error : null;
}
