import { describe, expect, it } from "vitest";
import { type DrawRecord, drawSample } from "./draw.js";
import type { PopulationRow } from "./population.js";
import { verifyDraw } from "./verify.js";

const POPULATION: PopulationRow[] = Array.from({ length: 9 }, (_, i) => ({
  code: `S${i + 1}`,
  town: i < 5 ? "城关镇" : "东湖乡",
  students: 100 + i,
}));

const RECORD = drawSample({ seed: "第一次抽签", population: POPULATION, fraction: "1/3", by: "town" });

function tampered(change: (record: DrawRecord) => void): DrawRecord {
  const copy = structuredClone(RECORD);
  change(copy);
  return copy;
}

describe("verifyDraw", () => {
  it("confirms a record against its population, in any order", () => {
    expect(verifyDraw(RECORD, POPULATION)).toEqual({ matches: true });
    expect(verifyDraw(RECORD, [...POPULATION].reverse())).toEqual({ matches: true });
    expect(verifyDraw(JSON.parse(JSON.stringify(RECORD)), POPULATION)).toEqual({ matches: true });
  });

  it("detects a changed population by its hash", () => {
    const changed = POPULATION.map((row) => (row.code === "S4" ? { ...row, students: 999 } : row));
    const result = verifyDraw(RECORD, changed);
    expect(result).toMatchObject({ matches: false, reason: "populationChanged" });
    expect(result.matches || result.message).toContain(RECORD.populationHash);
  });

  it("detects a record whose selection was swapped", () => {
    const stratum = RECORD.strata[0]!;
    const other = POPULATION.find(
      (r) => r.town === stratum.value && !stratum.selected.includes(r.code),
    )!.code;
    const record = tampered((r) => {
      r.strata[0]!.selected[0] = other;
      r.selected[0] = other;
    });
    const result = verifyDraw(record, POPULATION);
    expect(result).toMatchObject({ matches: false, reason: "resultDiffers" });
    expect(result.matches || result.message).toContain(`stratum "${stratum.value}"`);
  });

  it("detects a changed total selection, counts and seed", () => {
    expect(
      verifyDraw(
        tampered((r) => r.selected.reverse()),
        POPULATION,
      ),
    ).toMatchObject({ reason: "resultDiffers" });
    expect(
      verifyDraw(
        tampered((r) => (r.strata[1]!.count = 1)),
        POPULATION,
      ),
    ).toMatchObject({
      reason: "resultDiffers",
    });
    expect(
      verifyDraw(
        tampered((r) => (r.seed = "第二次抽签")),
        POPULATION,
      ),
    ).toMatchObject({ reason: "resultDiffers" });
  });

  it("refuses a record of another algorithm or with parameters that cannot be drawn", () => {
    expect(
      verifyDraw(
        tampered((r) => (r.algorithm = "kaoping-draw/0")),
        POPULATION,
      ),
    ).toMatchObject({
      reason: "unknownAlgorithm",
    });
    const bad = verifyDraw(
      tampered((r) => (r.fraction = "3/2")),
      POPULATION,
    );
    expect(bad).toMatchObject({ matches: false, reason: "invalidRecord" });
    expect(bad.matches || bad.message).toContain("fraction");
  });
});
