/**
 * The ranking of a run as a virtualised table (only the visible rows are in the page, so ten thousand units
 * scroll as easily as ten): every column sorts; the unit opens its explanation.
 */
import { Button, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { RankedUnit } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { byDecimal, gradeOrder, type SchemeGrading } from "./ranking.js";

/** Below this many rows every row is in the page (find-in-page and screen readers reach them all). */
const VIRTUAL_FROM = 100;
/** Grades best first: the best green, the ones between in cool colours, the last (不达标, 未达标…) red. */
const MIDDLE_COLOURS = ["blue", "cyan", "purple", "geekblue"];

export function gradeColour(grade: string | null, grading: SchemeGrading): string {
  const i = grading.grades.findIndex((g) => g.code === grade);
  if (i < 0) return "default";
  if (i === 0) return "success";
  if (i === grading.grades.length - 1) return "error";
  return MIDDLE_COLOURS[i - 1] ?? "blue";
}

interface Props {
  rows: RankedUnit[];
  grading: SchemeGrading;
  vetoNames: ReadonlyMap<string, string>;
  categoryNames: ReadonlyMap<string, string>;
  showGroups: boolean;
  /** Whether the scheme has bonus items (a 加分 column of zeros says nothing otherwise). */
  showBonus: boolean;
  height: number;
  onOpen(unit: RankedUnit): void;
}

export function RankingTable({
  rows,
  grading,
  vetoNames,
  categoryNames,
  showGroups,
  showBonus,
  height,
  onOpen,
}: Props) {
  const { t } = useI18n();
  const order = gradeOrder(grading.grades);
  const gradeName = (code: string | null) => grading.grades.find((g) => g.code === code)?.name ?? code ?? "";

  const quotaText = (q: NonNullable<RankedUnit["quota"]>) =>
    t("grading.rk.quotaRule", {
      share: q.share,
      pool: q.pool,
      of: q.of === null ? t("grading.rk.quotaAll") : gradeName(q.of),
      count: q.count,
      rounding: t(`grading.rk.rounding.${grading.rounding}`),
    });

  const columns: ColumnsType<RankedUnit> = [
    {
      title: t("ranking.rank"),
      dataIndex: "rank",
      width: 64,
      align: "right",
      sorter: (a, b) => a.rank - b.rank,
      defaultSortOrder: "ascend",
    },
    {
      title: t("ranking.unit"),
      key: "unit",
      width: 210,
      ellipsis: true,
      sorter: (a, b) => a.unit.localeCompare(b.unit),
      render: (_, u) => (
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0, maxWidth: "100%", justifyContent: "flex-start" }}
          onClick={() => onOpen(u)}
          disabled={u.organisationId === null}
          title={`${u.unit} ${u.name ?? ""}`}
        >
          <span style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
            {u.name ?? u.unit}
          </span>
        </Button>
      ),
    },
    {
      title: t("grading.rk.category"),
      dataIndex: "category",
      width: 160,
      ellipsis: true,
      sorter: (a, b) => (a.category ?? "").localeCompare(b.category ?? ""),
      render: (c: string | null) => (c === null ? "—" : (categoryNames.get(c) ?? c)),
    },
    ...(showGroups
      ? ([
          {
            title: t("ranking.group"),
            dataIndex: "group",
            width: 100,
            sorter: (a, b) => a.group.localeCompare(b.group),
          },
          {
            title: t("ranking.groupRank"),
            dataIndex: "groupRank",
            width: 90,
            align: "right",
            sorter: (a, b) => a.groupRank - b.groupRank,
          },
        ] satisfies ColumnsType<RankedUnit>)
      : []),
    {
      title: t("ranking.total"),
      dataIndex: "total",
      width: 80,
      align: "right",
      sorter: (a, b) => byDecimal(a.total, b.total),
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: t("ranking.rate"),
      dataIndex: "rate",
      width: 84,
      align: "right",
      sorter: (a, b) => byDecimal(a.rate, b.rate),
      render: (v: string) => `${v}%`,
    },
    ...(showBonus
      ? ([
          {
            title: t("ranking.bonus"),
            dataIndex: "bonus",
            width: 64,
            align: "right",
            sorter: (a, b) => byDecimal(a.bonus, b.bonus),
          },
        ] satisfies ColumnsType<RankedUnit>)
      : []),
    {
      title: t("ranking.grade"),
      key: "grade",
      width: 96,
      sorter: (a, b) => order(a.grade) - order(b.grade) || a.rank - b.rank,
      render: (_, u) =>
        u.grade === null ? (
          "—"
        ) : (
          <Tag color={gradeColour(u.grade, grading)}>{u.gradeName ?? gradeName(u.grade)}</Tag>
        ),
    },
    {
      title: t("grading.rk.quota"),
      key: "quota",
      width: 132,
      sorter: (a, b) =>
        order(a.quota?.grade ?? null) - order(b.quota?.grade ?? null) ||
        (a.quota?.position ?? 0) - (b.quota?.position ?? 0),
      render: (_, u) =>
        u.quota === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Tooltip title={quotaText(u.quota)}>
            <span>
              {t("grading.rk.quotaPlace", {
                grade: u.quota.gradeName,
                position: u.quota.position,
                count: u.quota.count,
              })}
            </span>
          </Tooltip>
        ),
    },
    {
      title: t("ranking.vetoes"),
      key: "vetoes",
      width: 240,
      sorter: (a, b) => a.vetoes.length - b.vetoes.length || a.rank - b.rank,
      render: (_, u) =>
        u.vetoes.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          u.vetoes.map((code) => (
            <Tooltip key={code} title={`${code} ${vetoNames.get(code) ?? ""}`}>
              <Tag color="error" style={{ whiteSpace: "normal", marginBlock: 2 }}>
                {vetoNames.get(code) ?? code}
              </Tag>
            </Tooltip>
          ))
        ),
    },
  ];

  return (
    <Table<RankedUnit>
      rowKey="unit"
      size="small"
      virtual={rows.length > VIRTUAL_FROM}
      scroll={{ x: columns.reduce((sum, c) => sum + Number(c.width ?? 100), 0), y: height }}
      pagination={false}
      dataSource={rows}
      columns={columns}
      showSorterTooltip={false}
    />
  );
}
