/**
 * The reproducible draw by lot (抽签) of units for on-site evaluation (实地评估), e.g. "初中学校抽签面不少于三分之一".
 * Anyone holding the record and the population can re-run it and get the same units: see verifyDraw.
 */
import type { Problem } from "../errors.js";
import { SamplingInputError } from "./errors.js";
import {
  DRAW_ROUNDINGS,
  type DrawFraction,
  type DrawRounding,
  parseFraction,
  stratumCount,
} from "./fraction.js";
import {
  checkPopulation,
  compareCodeUnits,
  type PopulationRow,
  type PopulationValue,
  populationHash,
} from "./population.js";
import { uniformIntegers } from "./random-stream.js";

/**
 * Names the algorithm in every record and in the random stream's key. Any change that could alter a draw
 * (encoding, stream, shuffle, order, count rule) needs a new name, so old records still say how they were made.
 */
export const DRAW_ALGORITHM = "kaoping-draw/1 sha256-ctr rejection partial-fisher-yates";

export interface DrawOptions {
  /** Announced before the draw (e.g. a number read out at the meeting); any non-empty text. */
  seed: string;
  population: readonly PopulationRow[];
  /** The share drawn from each stratum: "1/3" or "0.25"; greater than 0 and at most 1. */
  fraction: string;
  /** A field to stratify on (分层): each of its values is drawn from separately. */
  by?: string | undefined;
  /** The fewest units drawn from a stratum (default 1), as long as it has that many. */
  minimumPerStratum?: number;
  /** Default "ceil": 不少于 — at least the fraction. */
  rounding?: DrawRounding;
}

export interface DrawStratum {
  /** The stratum's value of the `by` field; null when the draw is not stratified. */
  value: PopulationValue | null;
  size: number;
  count: number;
  /** Codes in the order they were drawn. */
  selected: string[];
}

export interface DrawRecord {
  algorithm: string;
  seed: string;
  fraction: string;
  rounding: DrawRounding;
  minimumPerStratum: number;
  by: string | null;
  /** Hex SHA-256 of the canonical population (see canonicalPopulation). */
  populationHash: string;
  populationSize: number;
  /** Numbers ascending, then texts in code-unit order. */
  strata: DrawStratum[];
  /** Every stratum's selection, stratum after stratum. */
  selected: string[];
}

export function drawSample(options: DrawOptions): DrawRecord {
  const rounding = options.rounding ?? "ceil";
  const minimumPerStratum = options.minimumPerStratum ?? 1;
  const by = options.by ?? null;
  const fraction = checkOptions(options, rounding, minimumPerStratum);
  const hash = populationHash(options.population);
  const strata = [...groupByStratum(options.population, by)]
    .sort(([a], [b]) => compareStrata(a, b))
    .map(([value, rows]): DrawStratum => {
      const codes = rows.map((r) => r.code).sort(compareCodeUnits);
      const count = stratumCount(codes.length, fraction, rounding, minimumPerStratum);
      const next = uniformIntegers([DRAW_ALGORITHM, options.seed, hash, value]);
      // Partial Fisher–Yates: position i takes a uniformly chosen one of the codes not yet drawn.
      for (let i = 0; i < count; i++) {
        const j = i + next(codes.length - i);
        [codes[i], codes[j]] = [codes[j]!, codes[i]!];
      }
      return { value, size: codes.length, count, selected: codes.slice(0, count) };
    });
  return {
    algorithm: DRAW_ALGORITHM,
    seed: options.seed,
    fraction: options.fraction,
    rounding,
    minimumPerStratum,
    by,
    populationHash: hash,
    populationSize: options.population.length,
    strata,
    selected: strata.flatMap((s) => s.selected),
  };
}

function checkOptions(options: DrawOptions, rounding: DrawRounding, minimumPerStratum: number): DrawFraction {
  const problems: Problem[] = [];
  if (typeof options.seed !== "string" || options.seed.trim() === "") {
    problems.push({ path: "seed", message: "must be a non-empty text, announced before the draw" });
  }
  const fraction = typeof options.fraction === "string" ? parseFraction(options.fraction) : undefined;
  if (!fraction) {
    problems.push({
      path: "fraction",
      message: `must be a ratio such as "1/3" or a decimal such as "0.25", above 0 and at most 1; got ${JSON.stringify(options.fraction)}`,
    });
  }
  if (!DRAW_ROUNDINGS.includes(rounding)) {
    problems.push({
      path: "rounding",
      message: `must be one of ${DRAW_ROUNDINGS.join(", ")}, got ${rounding}`,
    });
  }
  if (!Number.isSafeInteger(minimumPerStratum) || minimumPerStratum < 0) {
    problems.push({
      path: "minimumPerStratum",
      message: `must be a whole number ≥ 0, got ${minimumPerStratum}`,
    });
  }
  checkPopulation(options.population, problems);
  if (options.by !== undefined) checkStratumField(options.population, options.by, problems);
  if (problems.length > 0 || !fraction) throw new SamplingInputError(problems);
  return fraction;
}

function checkStratumField(population: readonly PopulationRow[], by: string, problems: Problem[]): void {
  const missing = population.flatMap((row, index) => (Object.hasOwn(row, by) ? [] : [{ row, index }]));
  if (missing.length === population.length && population.length > 0) {
    problems.push({ path: "by", message: `no row has a field "${by}"` });
    return;
  }
  for (const { row, index } of missing) {
    problems.push({
      unit: row.code,
      path: `population[${index}].${by}`,
      message: "is required to stratify the draw",
    });
  }
}

function groupByStratum(
  population: readonly PopulationRow[],
  by: string | null,
): Map<PopulationValue | null, PopulationRow[]> {
  const strata = new Map<PopulationValue | null, PopulationRow[]>();
  for (const row of population) {
    const value = by === null ? null : row[by]!;
    const members = strata.get(value);
    if (members) members.push(row);
    else strata.set(value, [row]);
  }
  return strata;
}

function compareStrata(a: PopulationValue | null, b: PopulationValue | null): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return compareCodeUnits(a ?? "", b ?? "");
}
