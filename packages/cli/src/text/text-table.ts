/** Plain-text tables for the terminal, aligned by display width so Chinese text lines up. */
import { displayWidth, padEnd, padStart } from "@kaoping/core";

export interface TextColumn {
  header: string;
  align?: "left" | "right";
}

/** The table's lines: header, a rule, then the rows; columns are two spaces apart, trailing spaces trimmed. */
export function textTable(
  columns: readonly TextColumn[],
  rows: ReadonlyArray<ReadonlyArray<string>>,
): string[] {
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...rows.map((row) => displayWidth(row[i] ?? ""))),
  );
  const line = (cells: ReadonlyArray<string>) =>
    columns
      .map((c, i) => (c.align === "right" ? padStart : padEnd)(cells[i] ?? "", widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}
