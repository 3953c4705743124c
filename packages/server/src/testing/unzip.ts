/** Reading ZIP files in tests with Info-ZIP's `unzip`, an independent reader of what we write. */
import { execFileSync } from "node:child_process";

/** The entry names, in archive order. */
export function zipEntries(file: string): string[] {
  return execFileSync("unzip", ["-Z1", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    .split("\n")
    .filter((line) => line !== "");
}

/** One entry's bytes (the name is a pattern to unzip: keep * ? [ out of names read this way). */
export function zipEntry(file: string, name: string): Buffer {
  return execFileSync("unzip", ["-p", file, name], { maxBuffer: 512 * 1024 * 1024 });
}

/** Throws unless every entry's CRC checks. */
export function testZip(file: string): void {
  execFileSync("unzip", ["-tqq", file]);
}
