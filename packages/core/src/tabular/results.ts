/** Published results as a table (成绩汇总表): one row per unit in ranking order, then every indicator's score. */
import type { UnitResult } from "../evaluate.js";
import { formatShort } from "../numbers/fixed.js";
import type { CompiledScheme } from "../scheme/plan.js";
import type { CellValue } from "./cell.js";
import { indicatorsInOrder } from "./scheme-order.js";

export interface ResultColumn {
  header: string;
  /** For columns of scores: the decimal places their decimal-string cells have, so a writer may store numbers. */
  places: number | null;
}

export interface ResultTable {
  columns: ResultColumn[];
  rows: CellValue[][];
}

export const NOT_APPLICABLE_LABEL = "不适用";

export function resultTable(scheme: CompiledScheme, results: readonly UnitResult[]): ResultTable {
  const places = scheme.places;
  const grouped = scheme.grading?.groupBy !== undefined && scheme.grading?.groupBy !== null;
  const flagged = (scheme.grading?.history.length ?? 0) > 0;
  const categoryName = new Map(scheme.definition.categories.map((c) => [c.code, c.name]));
  const vetoName = new Map(scheme.vetoes.map((v) => [v.code, v.name]));
  const flagName = new Map(scheme.grading?.history.map((h) => [h.code, `${h.name}：${h.outcome}`]) ?? []);
  const indicators = indicatorsInOrder(scheme);

  const columns: Array<ResultColumn & { cell: (r: UnitResult) => CellValue }> = [
    { header: "名次", places: null, cell: (r) => r.rank },
    ...(grouped ? [{ header: "组内名次", places: null, cell: (r: UnitResult) => r.groupRank }] : []),
    { header: "单位代码", places: null, cell: (r) => r.unit },
    { header: "单位名称", places: null, cell: (r) => r.name ?? null },
    {
      header: "类别",
      places: null,
      cell: (r) => (r.category === undefined ? null : (categoryName.get(r.category) ?? r.category)),
    },
    { header: "总分", places, cell: (r) => r.total },
    { header: "实得分", places, cell: (r) => r.points },
    { header: "得分率（%）", places, cell: (r) => r.rate },
    { header: "加分", places, cell: (r) => r.bonus },
    { header: "等次", places: null, cell: (r) => r.gradeName },
    {
      header: "否决项",
      places: null,
      cell: (r) => r.vetoes.map((code) => vetoName.get(code) ?? code).join("；") || null,
    },
    ...(flagged
      ? [
          {
            header: "历史标记",
            places: null,
            cell: (r: UnitResult) => r.flags.map((code) => flagName.get(code) ?? code).join("；") || null,
          },
        ]
      : []),
    ...indicators.map((node) => ({
      header: `${node.code} ${node.name}（${formatShort(node.max)}分）`,
      places,
      cell: (r: UnitResult): CellValue => {
        const result = r.indicators[node.code];
        if (!result) return null;
        return result.na ? NOT_APPLICABLE_LABEL : result.score;
      },
    })),
  ];
  return {
    columns: columns.map(({ header, places }) => ({ header, places })),
    rows: results.map((r) => columns.map((c) => c.cell(r))),
  };
}
