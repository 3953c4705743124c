/**
 * The units a draw is made from, and their fingerprint: the SHA-256 of a canonical serialisation, so a record
 * can show the draw was made from exactly this population whatever order the rows were listed in.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { Problem } from "../errors.js";

export type PopulationValue = string | number;

/** One unit that can be drawn: a school, a township, a department. */
export interface PopulationRow {
  code: string;
  [field: string]: PopulationValue;
}

/** Compares by UTF-16 code units, the one string order every JavaScript engine shares whatever its locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Records a problem for each row without a unique non-empty code or with a value that is not text or a finite number. */
export function checkPopulation(population: readonly PopulationRow[], problems: Problem[]): void {
  if (population.length === 0) {
    problems.push({ path: "population", message: "is empty: there is nothing to draw from" });
  }
  const firstRow = new Map<string, number>();
  population.forEach((row, index) => {
    const code = row.code;
    if (typeof code !== "string" || code.length === 0) {
      problems.push({ path: `population[${index}].code`, message: "must be a non-empty text" });
    } else if (firstRow.has(code)) {
      problems.push({
        unit: code,
        path: `population[${index}].code`,
        message: `duplicates population[${firstRow.get(code)}]: codes must be unique`,
      });
    } else {
      firstRow.set(code, index);
    }
    for (const [field, value] of Object.entries(row)) {
      if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) continue;
      problems.push({
        unit: typeof code === "string" ? code : undefined,
        path: `population[${index}].${field}`,
        message: `must be a text or a finite number, got ${String(value)}`,
      });
    }
  });
}

/**
 * JSON of the rows sorted by code, each row as its [field, value] pairs sorted by field: objects are avoided
 * because JSON.stringify puts integer-like keys first whatever the insertion order.
 */
export function canonicalPopulation(population: readonly PopulationRow[]): string {
  const rows = [...population]
    .sort((a, b) => compareCodeUnits(a.code, b.code))
    .map((row) => Object.entries(row).sort(([a], [b]) => compareCodeUnits(a, b)));
  return JSON.stringify(rows);
}

/** Lower-case hex SHA-256 of the UTF-8 canonical serialisation. */
export function populationHash(population: readonly PopulationRow[]): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalPopulation(population))));
}
