import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DRAW_ALGORITHM, type DrawOptions, drawSample } from "./draw.js";
import { SamplingInputError } from "./errors.js";
import { canonicalPopulation, type PopulationRow, populationHash } from "./population.js";

const TOWNS = { 城关镇: 5, 东湖乡: 4, 西山镇: 3 };

/** Twelve junior schools in three townships. */
const SCHOOLS: PopulationRow[] = Object.entries(TOWNS).flatMap(([town, n], t) =>
  Array.from({ length: n }, (_, i) => ({ code: `J${t + 1}${i + 1}`, name: `${town}第${i + 1}中学`, town })),
);

function draw(overrides: Partial<DrawOptions> = {}) {
  return drawSample({
    seed: "2024-05-20 县教育督导室",
    population: SCHOOLS,
    fraction: "1/3",
    by: "town",
    ...overrides,
  });
}

function problemsOf(options: Partial<DrawOptions>) {
  try {
    draw(options);
  } catch (error) {
    if (error instanceof SamplingInputError) return error.problems;
    throw error;
  }
  throw new Error("expected a SamplingInputError");
}

describe("drawSample", () => {
  // Pinned from an independent re-implementation of docs/statistics-and-sampling.md (Python hashlib), not from
  // this code's own output.
  it("gives the pinned draw for a fixed seed and population, so a change of algorithm is caught", () => {
    expect(draw()).toEqual({
      algorithm: DRAW_ALGORITHM,
      seed: "2024-05-20 县教育督导室",
      fraction: "1/3",
      rounding: "ceil",
      minimumPerStratum: 1,
      by: "town",
      populationHash: "1b7f8fb08dc2f4137fe0e680232780d97ab643a61b9f8adabf7ec8759e93d18d",
      populationSize: 12,
      strata: [
        { value: "东湖乡", size: 4, count: 2, selected: ["J22", "J24"] },
        { value: "城关镇", size: 5, count: 2, selected: ["J14", "J15"] },
        { value: "西山镇", size: 3, count: 1, selected: ["J32"] },
      ],
      selected: ["J22", "J24", "J14", "J15", "J32"],
    });
  });

  it("hashes the documented canonical form: rows by code, each row's fields by name", () => {
    const population: PopulationRow[] = [
      { code: "B", town: "东湖乡", students: 10, "2023": "x" },
      { code: "A", students: 5.5 },
    ];
    const canonical =
      '[[["code","A"],["students",5.5]],[["2023","x"],["code","B"],["students",10],["town","东湖乡"]]]';
    expect(canonicalPopulation(population)).toBe(canonical);
    expect(populationHash(population)).toBe(createHash("sha256").update(canonical, "utf8").digest("hex"));
  });

  it("does not depend on the order of the rows or of their fields", () => {
    const reordered = [...SCHOOLS].reverse().map((row) => Object.fromEntries(Object.entries(row).reverse()));
    expect(draw({ population: reordered as PopulationRow[] })).toEqual(draw());
  });

  it("draws ceil(fraction × size) from each stratum, at least the minimum, at most the stratum", () => {
    expect(draw().strata.map((s) => [s.value, s.size, s.count])).toEqual([
      ["东湖乡", 4, 2],
      ["城关镇", 5, 2],
      ["西山镇", 3, 1],
    ]);
    expect(draw({ fraction: "0.25", minimumPerStratum: 2 }).strata.map((s) => s.count)).toEqual([2, 2, 2]);
    expect(draw({ fraction: "1/3", minimumPerStratum: 4 }).strata.map((s) => s.count)).toEqual([4, 4, 3]);
    expect(draw({ fraction: "0.5", rounding: "halfUp" }).strata.map((s) => s.count)).toEqual([2, 3, 2]);
    expect(
      draw({ fraction: "0.5", rounding: "floor", minimumPerStratum: 0 }).strata.map((s) => s.count),
    ).toEqual([2, 2, 1]);
    const whole = draw({ by: undefined });
    expect(whole.strata.map((s) => [s.value, s.size, s.count])).toEqual([[null, 12, 4]]);
  });

  it("gives different draws for different seeds", () => {
    const draws = new Set(
      ["a", "b", "c", "d", "e"].map((seed) => draw({ seed, by: undefined }).selected.join()),
    );
    expect(draws.size).toBe(5);
  });

  it("orders numeric strata before text strata", () => {
    const population = [
      { code: "A", group: "乙" },
      { code: "B", group: 10 },
      { code: "C", group: 2 },
      { code: "D", group: "甲" },
    ];
    expect(draw({ population, by: "group" }).strata.map((s) => s.value)).toEqual([2, 10, "乙", "甲"]);
  });

  it("names the row of a duplicate code and of a missing stratum field", () => {
    const population = [...SCHOOLS, { code: "J11", name: "重复" }];
    expect(problemsOf({ population })).toEqual([
      expect.objectContaining({
        unit: "J11",
        path: "population[12].code",
        message: expect.stringContaining("[0]"),
      }),
      expect.objectContaining({ unit: "J11", path: "population[12].town" }),
    ]);
  });

  it("rejects an unknown stratum field, a bad fraction, seed or minimum, and bad values", () => {
    expect(problemsOf({ by: "district" })).toEqual([expect.objectContaining({ path: "by" })]);
    for (const fraction of ["0", "4/3", "1/0", "1.5", "a third", "-0.2", "33%"]) {
      expect(problemsOf({ fraction })).toEqual([expect.objectContaining({ path: "fraction" })]);
    }
    expect(problemsOf({ seed: " " })).toEqual([expect.objectContaining({ path: "seed" })]);
    expect(problemsOf({ minimumPerStratum: 1.5 })).toEqual([
      expect.objectContaining({ path: "minimumPerStratum" }),
    ]);
    expect(problemsOf({ population: [] })[0]).toMatchObject({ path: "population" });
    const bad = [{ code: "X", town: "东湖乡", students: Number.NaN }, ...SCHOOLS];
    expect(problemsOf({ population: bad })).toEqual([
      expect.objectContaining({ unit: "X", path: "population[0].students" }),
    ]);
    expect(() => draw({ fraction: "2" })).toThrow(/fraction/);
  });
});

const populationArbitrary = fc
  .uniqueArray(
    fc.record({
      code: fc.string({ minLength: 1, maxLength: 4 }),
      stratum: fc.constantFrom<string | number>("城关镇", "东湖乡", "西山镇", 1, 2),
    }),
    { selector: (row) => row.code, minLength: 1, maxLength: 40 },
  )
  .map((rows) => rows.map(({ code, stratum }): PopulationRow => ({ code, stratum })));

const drawArbitrary = fc.record({
  seed: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
  population: populationArbitrary,
  ratio: fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }))
    .filter(([n, d]) => n <= d),
  rounding: fc.constantFrom("ceil" as const, "halfUp" as const, "floor" as const),
  minimumPerStratum: fc.integer({ min: 0, max: 3 }),
});

type DrawCase = typeof drawArbitrary extends fc.Arbitrary<infer T> ? T : never;

function expectedCount(size: number, [n, d]: [number, number], rounding: string, minimum: number): number {
  const rounded =
    rounding === "ceil"
      ? Math.ceil((n * size) / d)
      : rounding === "floor"
        ? Math.floor((n * size) / d)
        : Math.floor((2 * n * size + d) / (2 * d));
  return Math.min(size, Math.max(rounded, minimum));
}

describe("drawSample properties", () => {
  const run = (c: DrawCase) =>
    drawSample({
      seed: c.seed,
      population: c.population,
      fraction: `${c.ratio[0]}/${c.ratio[1]}`,
      by: "stratum",
      rounding: c.rounding,
      minimumPerStratum: c.minimumPerStratum,
    });

  it("draws the rounded fraction of each stratum, raised to the minimum and capped at its size", () => {
    fc.assert(
      fc.property(drawArbitrary, (c) => {
        for (const stratum of run(c).strata) {
          const members = c.population.filter((row) => row.stratum === stratum.value);
          expect(stratum.size).toBe(members.length);
          expect(stratum.count).toBe(expectedCount(members.length, c.ratio, c.rounding, c.minimumPerStratum));
          expect(stratum.selected).toHaveLength(stratum.count);
        }
      }),
    );
  });

  it("never selects a code twice, and selects each code from its own stratum", () => {
    fc.assert(
      fc.property(drawArbitrary, (c) => {
        const record = run(c);
        expect(new Set(record.selected).size).toBe(record.selected.length);
        expect(record.selected).toEqual(record.strata.flatMap((s) => s.selected));
        for (const stratum of record.strata) {
          for (const code of stratum.selected) {
            expect(c.population.find((row) => row.code === code)?.stratum).toBe(stratum.value);
          }
        }
      }),
    );
  });

  it("gives the same record for any order of the population", () => {
    fc.assert(
      fc.property(
        drawArbitrary.chain((c) =>
          fc
            .shuffledSubarray(c.population, {
              minLength: c.population.length,
              maxLength: c.population.length,
            })
            .map((shuffled) => ({ c, shuffled })),
        ),
        ({ c, shuffled }) => {
          expect(run({ ...c, population: shuffled })).toEqual(run(c));
        },
      ),
    );
  });
});
