/** The ranked results table printed by `kaoping score` and the demo. */
import type { CompiledScheme, UnitResult } from "@kaoping/core";
import { type TextColumn, textTable } from "./text-table.js";

export function rankingLines(scheme: CompiledScheme, results: readonly UnitResult[]): string[] {
  const vetoName = new Map(scheme.vetoes.map((v) => [v.code, v.name]));
  const categoryName = new Map(scheme.definition.categories.map((c) => [c.code, c.name]));
  // Schemes that rank within groups (按组别排序) show the group and the rank in it.
  const grouped = Boolean(scheme.grading?.groupBy);
  const columns: TextColumn[] = [
    { header: "名次", align: "right" },
    ...(grouped ? [{ header: "组" }, { header: "组内名次", align: "right" as const }] : []),
    { header: "单位代码" },
    { header: "单位名称" },
    { header: "总分", align: "right" },
    { header: "等次" },
    { header: "否决" },
  ];
  return textTable(
    columns,
    results.map((r) => [
      String(r.rank),
      ...(grouped ? [categoryName.get(r.group) ?? r.group, String(r.groupRank)] : []),
      r.unit,
      r.name ?? "",
      r.total,
      r.gradeName ?? "—",
      r.vetoes.map((code) => vetoName.get(code) ?? code).join("、"),
    ]),
  );
}
