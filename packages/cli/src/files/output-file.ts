import { writeFile } from "node:fs/promises";
import { CliInputError } from "../errors.js";

/** Writes a text file the user named; a place that cannot be written to is bad input. */
export async function writeOutputText(path: string, name: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliInputError([`${name}: cannot write the file${code ? ` (${code})` : ""}`]);
  }
}
