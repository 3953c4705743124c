export * from "./draw.js";
export * from "./errors.js";
export {
  DRAW_ROUNDINGS,
  type DrawFraction,
  type DrawRounding,
  parseFraction,
  stratumCount,
} from "./fraction.js";
export {
  canonicalPopulation,
  type PopulationRow,
  type PopulationValue,
  populationHash,
} from "./population.js";
export * from "./verify.js";
