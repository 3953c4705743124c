/** Options several commands share, with their parsing: a bad value is a usage error. */
import { InvalidArgumentError, Option } from "commander";

export function parseYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || !Number.isInteger(year))
    throw new InvalidArgumentError("expected a year of four digits, e.g. 2024.");
  return year;
}

export function yearOption(description: string): Option {
  return new Option("--year <year>", description).argParser(parseYear);
}
