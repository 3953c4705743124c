/**
 * A grading run's ranking: sortable, filterable, virtualised; a unit's row opens a drawer with the explanation
 * of its score (GET /grading-runs/:id/units/:orgId/explanation) in the user's language.
 */
import { Button, Card, Drawer, Input, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo, useState } from "react";
import { useParams } from "react-router";
import { api, call } from "../api/client.js";
import type { RankedUnit } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/i18n.js";
import { ApiErrorAlert } from "../layout/ApiErrorAlert.js";
import { PageSpinner } from "../layout/PageSpinner.js";

const decimal = (a: string, b: string) => Number(a) - Number(b);
const distinct = (values: (string | null)[]) =>
  [...new Set(values.filter((v): v is string => v !== null && v !== ""))].map((v) => ({ text: v, value: v }));

function Explanation({ runId, unit }: { runId: string; unit: RankedUnit }) {
  const { lang } = useI18n();
  const orgId = unit.organisationId ?? "";
  const { data, error, loading, reload } = useApi(
    () =>
      call(
        api.GET("/api/v1/grading-runs/{id}/units/{orgId}/explanation", {
          params: { path: { id: runId, orgId }, query: { lang } },
        }),
      ),
    [runId, orgId, lang],
  );
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;
  return (
    <pre style={{ whiteSpace: "pre-wrap", fontFamily: "inherit", fontSize: 14, lineHeight: 1.8, margin: 0 }}>
      {data.text}
    </pre>
  );
}

export default function GradingRunPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState<RankedUnit | null>(null);
  const { data, error, loading, reload } = useApi(
    () => call(api.GET("/api/v1/grading-runs/{id}", { params: { path: { id }, query: { limit: 500 } } })),
    [id],
  );
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const items = data?.items ?? [];
    return needle === ""
      ? items
      : items.filter((u) => `${u.unit} ${u.name ?? ""}`.toLowerCase().includes(needle));
  }, [data, search]);

  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;
  const items = data.items;

  const columns: ColumnsType<RankedUnit> = [
    {
      title: t("ranking.rank"),
      dataIndex: "rank",
      width: 80,
      sorter: (a, b) => a.rank - b.rank,
      defaultSortOrder: "ascend",
    },
    {
      title: t("ranking.unit"),
      key: "unit",
      width: 260,
      render: (_, u) => (
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0 }}
          onClick={() => setOpen(u)}
          disabled={u.organisationId === null}
        >
          {u.name ?? u.unit}
        </Button>
      ),
    },
    {
      title: t("ranking.group"),
      dataIndex: "group",
      width: 120,
      filters: distinct(items.map((u) => u.group)),
      onFilter: (value, u) => u.group === value,
    },
    {
      title: t("ranking.groupRank"),
      dataIndex: "groupRank",
      width: 100,
      sorter: (a, b) => a.groupRank - b.groupRank,
    },
    {
      title: t("ranking.total"),
      dataIndex: "total",
      width: 100,
      align: "right",
      sorter: (a, b) => decimal(a.total, b.total),
    },
    {
      title: t("ranking.rate"),
      dataIndex: "rate",
      width: 100,
      align: "right",
      sorter: (a, b) => decimal(a.rate, b.rate),
    },
    {
      title: t("ranking.bonus"),
      dataIndex: "bonus",
      width: 80,
      align: "right",
      sorter: (a, b) => decimal(a.bonus, b.bonus),
    },
    {
      title: t("ranking.grade"),
      key: "grade",
      width: 120,
      filters: distinct(items.map((u) => u.gradeName ?? u.grade)),
      onFilter: (value, u) => (u.gradeName ?? u.grade) === value,
      render: (_, u) => (u.grade === null ? "—" : <Tag color="blue">{u.gradeName ?? u.grade}</Tag>),
    },
    {
      title: t("ranking.vetoes"),
      dataIndex: "vetoes",
      render: (vetoes: string[]) =>
        vetoes.length === 0
          ? "—"
          : vetoes.map((v) => (
              <Tag color="error" key={v}>
                {v}
              </Tag>
            )),
    },
  ];

  return (
    <Card
      size="small"
      title={
        <Space>
          <span>{t("ranking.title")}</span>
          <Typography.Text type="secondary">
            {t("campaign.run", { number: data.run.number })} · {formatDateTime(data.run.createdAt)}
          </Typography.Text>
        </Space>
      }
      extra={
        <Input.Search
          allowClear
          placeholder={t("ranking.search")}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 220 }}
        />
      }
    >
      <Table<RankedUnit>
        rowKey={(u) => u.unit}
        size="small"
        virtual
        scroll={{ x: 1100, y: 560 }}
        pagination={false}
        dataSource={rows}
        columns={columns}
      />
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        size={640}
        title={open === null ? "" : `${t("ranking.explanation")} · ${open.name ?? open.unit}`}
        destroyOnHidden
      >
        {open !== null && <Explanation runId={id} unit={open} />}
      </Drawer>
    </Card>
  );
}
