import { describe, expect, it } from "vitest";
import { changesOf, shortValue } from "./audit-changes.js";

describe("changesOf", () => {
  it("lists every field of a creation as new", () => {
    expect(changesOf(null, { code: "T09", name: "新镇工会", category: null })).toEqual([
      { field: "code", before: null, after: "T09" },
      { field: "name", before: null, after: "新镇工会" },
      { field: "category", before: null, after: null },
    ]);
  });

  it("keeps only what an update changed, ignoring fields it did not send", () => {
    expect(
      changesOf(
        { code: "T09", name: "新镇工会", kind: "工会", version: 1 },
        { name: "新镇工会工作委员会", kind: "工会" },
      ),
    ).toEqual([{ field: "name", before: "新镇工会", after: "新镇工会工作委员会" }]);
  });

  it("shows values that are not text as compact JSON", () => {
    expect(changesOf({ disabled: false }, { disabled: true })).toEqual([
      { field: "disabled", before: "false", after: "true" },
    ]);
    expect(shortValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(shortValue("x".repeat(200))?.length).toBe(120);
  });
});
