import { describe, expect, it } from "vitest";
import { cellProblem, cellValue, shownViolations, violationsByCell } from "./table-cells.js";
import type { Column, Violation } from "./types.js";

const v = (rule: string, row: string | null, column: string | null): Violation => ({
  rule,
  table: "T3",
  row,
  column,
  cell: `T3!${row ?? "*"}.${column ?? ""}`,
  message: `${rule} ${row}.${column}`,
});

describe("base-data table cells", () => {
  it("keeps the text being typed apart from the value sent", () => {
    const area: Column = { code: "area", name: "面积", type: "number", min: 0 };
    expect(cellValue(area, " 281209.5 ")).toBe(281209.5);
    expect(cellValue(area, "")).toBeNull();
    expect(cellValue(area, "abc")).toBe("abc");
    expect(cellProblem(area, "abc")).toBe("number");
    expect(cellProblem(area, -1)).toBe("min");
    expect(cellProblem({ code: "n", name: "人数" }, 1.5)).toBe("integer");
  });

  it("shows rule violations at their cells, not the form's own checks nor the blanks of an unstarted row", () => {
    const rows = { primary: { area: 100 }, junior: {}, total: { area: null } };
    const shown = shownViolations(
      [
        v("T3-total", "total", "area"),
        v("required", "primary", "danger"),
        v("required", "junior", "area"),
        v("required", "total", "danger"),
        v("min", "primary", "area"),
        v("T3-levels", null, "area"),
      ],
      rows,
    );
    expect(shown.map((s) => `${s.rule} ${s.row}`)).toEqual([
      "T3-total total",
      "required primary",
      "T3-levels null",
    ]);
    expect([...violationsByCell(shown, "T3").keys()]).toEqual(["total.area", "primary.danger", "*.area"]);
  });
});
