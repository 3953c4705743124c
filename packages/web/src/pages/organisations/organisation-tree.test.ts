import { describe, expect, it } from "vitest";
import { buildTree, filterTree, type Organisation, organises, parentIds } from "./organisation-tree.js";

const org = (id: string, parentId: string | null, code: string, name: string): Organisation => ({
  id,
  parentId,
  code,
  name,
  kind: "单位",
  category: null,
  depth: 0,
  version: 1,
});

const items = [
  org("zgh", "county", "ZGH", "县总工会"),
  org("t2", "zgh", "T02", "石桥镇工会"),
  org("t1", "zgh", "T01", "城关镇工会"),
  org("t1a", "t1", "T01-A", "城关镇一村"),
];

describe("organisation tree", () => {
  it("nests by parent, takes unlisted parents as roots and sorts siblings by code", () => {
    const tree = buildTree(items);
    expect(tree.map((n) => n.organisation.id)).toEqual(["zgh"]);
    expect(tree[0]?.children.map((n) => n.organisation.code)).toEqual(["T01", "T02"]);
    expect(tree[0]?.children[0]?.children.map((n) => n.organisation.id)).toEqual(["t1a"]);
    expect(parentIds(tree)).toEqual(["zgh", "t1"]);
  });

  it("keeps the matches and their ancestors when searching", () => {
    const found = filterTree(buildTree(items), "一村");
    expect(found.map((n) => n.organisation.id)).toEqual(["zgh"]);
    expect(found[0]?.children.map((n) => n.organisation.id)).toEqual(["t1"]);
    expect(found[0]?.children[0]?.children.map((n) => n.organisation.id)).toEqual(["t1a"]);
    expect(filterTree(buildTree(items), "t02")[0]?.children.map((n) => n.organisation.id)).toEqual(["t2"]);
    expect(filterTree(buildTree(items), "nothing")).toEqual([]);
  });

  it("tells where the user organises, through the ancestors", () => {
    const at = new Set(["zgh"]);
    expect(organises(items, at, "t1a")).toBe(true);
    expect(organises(items, at, "zgh")).toBe(true);
    expect(organises(items, at, "county")).toBe(false);
    expect(organises(items, at, null)).toBe(false);
  });
});
