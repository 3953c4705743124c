/** Reads one cell by its column's constraint: the same rule the template gives Excel as data validation. */
import { type CellValue, cellNumber, cellYesNo, headerKey } from "./cell.js";
import type { ColumnConstraint } from "./columns.js";

export type CellReading = { ok: true; value: string | number | boolean } | { ok: false; message: string };

const shown = (value: CellValue) => (typeof value === "string" ? `"${value.trim()}"` : String(value));

/** Reads a non-blank cell. `noun` names the value in messages ("score 7 is outside 0–6"). */
export function readCell(constraint: ColumnConstraint, noun: string, value: CellValue): CellReading {
  switch (constraint.type) {
    case "text":
      return { ok: true, value: String(value).trim() };
    case "decimal":
    case "whole": {
      const number = cellNumber(value);
      if (number === undefined) return { ok: false, message: `${noun} ${shown(value)} is not a number` };
      if (constraint.type === "whole" && !Number.isInteger(number)) {
        return { ok: false, message: `${noun} ${number} is not a whole number` };
      }
      const { min, max } = constraint;
      const below = min !== null && number < min;
      const above =
        max !== null && number > max && !(constraint.type === "decimal" && constraint.aboveMax === "cap");
      if ((below || above) && min !== null && max !== null) {
        return { ok: false, message: `${noun} ${number} is outside ${min}–${max}` };
      }
      if (below) return { ok: false, message: `${noun} ${number} is below ${min}` };
      if (above) return { ok: false, message: `${noun} ${number} is above ${max}` };
      return { ok: true, value: number };
    }
    case "choice": {
      const key = headerKey(value);
      const option = constraint.options.find(
        (o) =>
          (typeof value === "boolean" && o.value === value) ||
          headerKey(o.label) === key ||
          o.aliases.some((alias) => headerKey(alias) === key),
      );
      if (option) return { ok: true, value: option.value };
      const yesNo = constraint.options.every((o) => typeof o.value === "boolean");
      const fromYesNo = yesNo ? cellYesNo(value) : undefined;
      if (fromYesNo !== undefined) return { ok: true, value: fromYesNo };
      return {
        ok: false,
        message: `${shown(value)} is not one of ${constraint.options.map((o) => o.label).join(", ")}`,
      };
    }
  }
}
