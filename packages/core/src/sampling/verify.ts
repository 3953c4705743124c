import { InputError } from "../errors.js";
import { DRAW_ALGORITHM, type DrawRecord, type DrawStratum, drawSample } from "./draw.js";
import type { PopulationRow } from "./population.js";

/**
 * Why a record does not match: it names another algorithm; its parameters cannot be drawn with; the
 * population is not the one it was drawn from; or the same draw selects other units than the record says.
 */
export type DrawMismatch = "unknownAlgorithm" | "invalidRecord" | "populationChanged" | "resultDiffers";

export type DrawVerification = { matches: true } | { matches: false; reason: DrawMismatch; message: string };

/** Re-runs the draw the record describes over `population` and compares every count and selected code. */
export function verifyDraw(record: DrawRecord, population: readonly PopulationRow[]): DrawVerification {
  if (record.algorithm !== DRAW_ALGORITHM) {
    return mismatch(
      "unknownAlgorithm",
      `the record was drawn with "${record.algorithm}", not "${DRAW_ALGORITHM}"`,
    );
  }
  let redrawn: DrawRecord;
  try {
    redrawn = drawSample({
      seed: record.seed,
      population,
      fraction: record.fraction,
      by: record.by ?? undefined,
      minimumPerStratum: record.minimumPerStratum,
      rounding: record.rounding,
    });
  } catch (error) {
    if (error instanceof InputError) return mismatch("invalidRecord", error.message);
    throw error;
  }
  if (redrawn.populationHash !== record.populationHash) {
    return mismatch(
      "populationChanged",
      `the population's hash is ${redrawn.populationHash}, the record's is ${record.populationHash}`,
    );
  }
  const difference = firstDifference(record, redrawn);
  return difference ? mismatch("resultDiffers", difference) : { matches: true };
}

function mismatch(reason: DrawMismatch, message: string): DrawVerification {
  return { matches: false, reason, message };
}

function firstDifference(record: DrawRecord, redrawn: DrawRecord): string | undefined {
  if (record.populationSize !== redrawn.populationSize) {
    return `the record counts ${record.populationSize} units, the population has ${redrawn.populationSize}`;
  }
  if (record.strata.length !== redrawn.strata.length) {
    return `the record has ${record.strata.length} strata, the draw has ${redrawn.strata.length}`;
  }
  for (const [index, expected] of redrawn.strata.entries()) {
    const difference = stratumDifference(record.strata[index]!, expected);
    if (difference) return `stratum ${JSON.stringify(expected.value)}: ${difference}`;
  }
  if (!sameList(record.selected, redrawn.selected)) {
    return `the record selects ${record.selected.join(", ")}; the draw selects ${redrawn.selected.join(", ")}`;
  }
  return undefined;
}

function stratumDifference(recorded: DrawStratum, expected: DrawStratum): string | undefined {
  if (recorded.value !== expected.value) {
    return `the record has ${JSON.stringify(recorded.value)} in its place`;
  }
  if (recorded.size !== expected.size || recorded.count !== expected.count) {
    return `the record says ${recorded.count} of ${recorded.size}, the draw gives ${expected.count} of ${expected.size}`;
  }
  if (!sameList(recorded.selected, expected.selected)) {
    return `the record selects ${recorded.selected.join(", ")}; the draw selects ${expected.selected.join(", ")}`;
  }
  return undefined;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((code, i) => code === b[i]);
}
