import { describe, expect, it } from "vitest";
import { editedSince, missingParts } from "./completeness.js";
import { visibleItems } from "./scope.js";
import { violationsByCell } from "./table-cells.js";
import type { Item, SelfEvaluation } from "./types.js";

const item = (code: string, parent: string | null, over: Partial<Item> = {}): Item => ({
  code,
  name: `指标${code}`,
  depth: parent === null ? 1 : 2,
  parent,
  max: "10",
  leaf: parent !== null,
  method: parent === null ? null : { type: "manual" },
  computed: false,
  notApplicableAllowed: false,
  guidance: null,
  expectedEvidence: [],
  input: null,
  narrative: "",
  version: 0,
  updatedAt: null,
  editable: true,
  evidence: [],
  ...over,
});

const view = (over: Partial<SelfEvaluation> = {}): SelfEvaluation => ({
  id: "e",
  campaignId: "c",
  unit: { id: "u", code: "S01", name: "县第一小学", category: "XX", role: "evaluated" },
  selfScoresHidden: false,
  status: "draft",
  version: 1,
  submissions: 0,
  submittedAt: null,
  returnedReason: null,
  editable: true,
  permissions: { editAll: true, assign: true, organise: false, departments: [] },
  report: {},
  fields: [
    { code: "students", name: "在校学生数", type: "integer" },
    { code: "note", name: "备注", type: "text", optional: true },
  ],
  data: {},
  tableData: {},
  fed: {},
  items: [
    item("A", null),
    item("A1", "A", { input: 8, updatedAt: "2026-03-02T00:00:00Z" }),
    item("A2", "A"),
    item("B", null),
    item("B1", "B", { method: { type: "formula" }, computed: true }),
    item("B2", "B", { input: { score: 5 }, updatedAt: "2026-03-05T00:00:00Z" }),
  ],
  tables: [],
  violations: [
    {
      rule: "T3-total",
      table: "T3",
      row: "total",
      column: "area",
      cell: "T3!total.area",
      message: "合计不符",
    },
  ],
  assignments: [],
  score: null,
  explanation: null,
  problems: [
    { path: "indicators.A2", message: "A2 未填写" },
    { path: "data.students", message: "在校学生数未填写" },
  ],
  ...over,
});

describe("completeness before submitting", () => {
  it("lists unfilled typed leaves, empty required fields, violations and other problems once each", () => {
    expect(missingParts(view())).toEqual([
      { kind: "indicator", code: "A2", name: "指标A2" },
      { kind: "field", code: "students", name: "在校学生数" },
      { kind: "violation", table: "T3", cell: "T3!total.area", message: "合计不符" },
      { kind: "problem", code: null, message: "在校学生数未填写" },
    ]);
  });

  it("names the indicators edited after the last submission (so after the return)", () => {
    expect(editedSince(view({ status: "returned", submittedAt: "2026-03-03T00:00:00Z" }))).toEqual(["B2"]);
    expect(editedSince(view())).toEqual([]);
  });

  it("shows department staff only their indicators, with the parents that place them", () => {
    const staff = view({
      permissions: { editAll: false, assign: false, organise: false, departments: ["d1"] },
      assignments: [
        {
          target: "B",
          departmentId: "d1",
          departmentName: "财政局",
          person: null,
          deadline: null,
          overdue: false,
          version: 1,
        },
        {
          target: "A1",
          departmentId: "d2",
          departmentName: "公安局",
          person: null,
          deadline: null,
          overdue: false,
          version: 1,
        },
      ],
    });
    expect(visibleItems(staff).map((i) => i.code)).toEqual(["B", "B1", "B2"]);
    expect(visibleItems(view()).length).toBe(6);
  });

  it("puts each table violation at its cell", () => {
    const byCell = violationsByCell(
      [
        ...view().violations,
        {
          rule: "T4-sum",
          table: "T4",
          row: null,
          column: "enrolled",
          cell: "T4!*.enrolled",
          message: "列合计不符",
        },
      ],
      "T3",
    );
    expect([...byCell.entries()]).toEqual([["total.area", ["合计不符"]]]);
  });
});
