import { describe, expect, it } from "vitest";
import { placeholderRows } from "./placeholder-rows.js";

describe("the placeholder reference", () => {
  it("writes values, lists and conditions as a template takes them, indented under their list", () => {
    const rows = placeholderRows({
      placeholders: [
        { path: "unitName", field: "unitName", type: "text", description: "单位名称" },
        { path: "practices", field: "practices", type: "list", description: "主要做法" },
        { path: "practices.code", field: "code", type: "text", description: "指标代码" },
        { path: "rebased", field: "rebased", type: "boolean", description: "有空项" },
      ],
    });
    expect(rows.map((r) => [r.tag, r.depth])).toEqual([
      ["{unitName}", 0],
      ["{#practices}…{/practices}", 0],
      ["{code}", 1],
      ["{#rebased}…{/rebased}", 0],
    ]);
  });
});
