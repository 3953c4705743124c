/**
 * LibreOffice headless for the tests: every generated DOCX and XLSX is opened by a real office suite (converted to
 * PDF and read back with pdftotext), and Excel round trips are tested with files LibreOffice itself wrote.
 * Each conversion gets its own profile folder, so conversions may run in parallel test files.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** LibreOffice's export filter for each target format. */
const FILTERS = {
  pdf: "pdf",
  xlsx: "xlsx:Calc MS Excel 2007 XML",
  docx: "docx:MS Word 2007 XML",
} as const;

/** Opens `input` (a .docx or .xlsx) in LibreOffice and saves it as `to`; throws if LibreOffice could not. */
export async function convertWithLibreOffice(
  input: Buffer,
  fromExtension: "docx" | "xlsx",
  to: keyof typeof FILTERS,
): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), "kaoping-lo-"));
  try {
    const source = path.join(dir, `in.${fromExtension}`);
    const outDir = path.join(dir, "out");
    await writeFile(source, input);
    await run(
      "soffice",
      [
        `-env:UserInstallation=file://${path.join(dir, "profile")}`,
        "--headless",
        "--norestore",
        "--convert-to",
        FILTERS[to],
        "--outdir",
        outDir,
        source,
      ],
      { timeout: 180_000 },
    );
    return await readFile(path.join(outDir, `in.${to}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF as pdftotext reads it (reading order, one line per printed line). */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "kaoping-pdf-"));
  try {
    const file = path.join(dir, "in.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The number of pages of a PDF (pdfinfo). */
export async function pdfPages(pdf: Buffer): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), "kaoping-pdf-"));
  try {
    const file = path.join(dir, "in.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run("pdfinfo", [file]);
    return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? Number.NaN);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prints a document with LibreOffice and returns the printed text, whitespace runs collapsed to one space. */
export async function printedText(input: Buffer, fromExtension: "docx" | "xlsx"): Promise<string> {
  const text = await pdfText(await convertWithLibreOffice(input, fromExtension, "pdf"));
  return text.replace(/\s+/g, " ");
}
