import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RowKeyIndex } from "./row-key-index.js";

describe("the row keys an import has read", () => {
  it("gives each key its first row, refuses it the second time, and knows what it never saw", () => {
    const index = new RowKeyIndex();
    expect(index.add("城关镇", 3)).toBeUndefined();
    expect(index.add("S-001", 4)).toBeUndefined();
    expect(index.add("城关镇", 9)).toBe(3);
    expect(index.rowOf("城关镇")).toBe(3);
    expect(index.rowOf("S-001")).toBe(4);
    expect(index.rowOf("S-0010")).toBeUndefined();
    expect(index.size).toBe(2);
  });

  it("agrees with a Map over many keys, through every growth of its buffers", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" }), { maxLength: 3000 }),
        (keys) => {
          const index = new RowKeyIndex();
          const map = new Map<string, number>();
          keys.forEach((key, row) => {
            expect(index.add(key, row)).toBe(map.get(key));
            if (!map.has(key)) map.set(key, row);
          });
          expect(index.size).toBe(map.size);
          for (const [key, row] of map) expect(index.rowOf(key)).toBe(row);
          expect(index.rowOf("\u0000never")).toBeUndefined();
        },
      ),
      { numRuns: 30 },
    );
  });

  it("holds 100,000 keys", () => {
    const index = new RowKeyIndex();
    for (let i = 0; i < 100_000; i++) index.add(`school-${i}`, i + 3);
    expect(index.size).toBe(100_000);
    expect(index.add("school-99999", 1)).toBe(100_002);
    expect(index.rowOf("school-100000")).toBeUndefined();
  });

  it("moves to another thread whole: its arrays, cloned as a worker would receive them, answer the same", () => {
    const index = new RowKeyIndex();
    for (let i = 0; i < 5000; i++) index.add(`第${i}小学`, i + 3);
    const moved = RowKeyIndex.fromState(structuredClone(index.state()));
    expect(moved.size).toBe(5000);
    expect(moved.rowOf("第4999小学")).toBe(5002);
    expect(moved.rowOf("第5000小学")).toBeUndefined();
    expect(moved.add("第0小学", 1)).toBe(3);
  });
});
