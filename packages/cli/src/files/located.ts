/** How a problem in a data file is shown: the file, then the sheet and cell (or JSON path), then the message. */
import { cellAddress, type LocatedProblem } from "@kaoping/core";

/** "data.xlsx 被评单位!F7 (A1.2): score 7 is outside 0–6"; a CSV cell has no sheet: "data.csv F7 …". */
export function locatedLine(fileName: string, p: LocatedProblem): string {
  const where = p.at ? `${fileName} ${cellAddress(p.at)}` : fileName;
  return `${where}${p.indicator ? ` (${p.indicator})` : ""}: ${p.message}`;
}

/** "data.json units[3].scores.A1.2 (A1.2): …" */
export function pathLine(
  fileName: string,
  path: string,
  indicator: string | undefined,
  message: string,
): string {
  return `${fileName}${path ? ` ${path}` : ""}${indicator ? ` (${indicator})` : ""}: ${message}`;
}

/** The closing line of a problem list. */
export function problemCount(count: number, fileName: string, consequence: string): string {
  return `${count} problem${count === 1 ? "" : "s"} in ${fileName}; ${consequence}.`;
}
