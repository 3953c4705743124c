/**
 * The rates table of a case type: counts and 处结率 / 按期办结率 / 回访率 per unit over the cases received in a
 * period — a year (this year by default) or a range of Beijing dates, both ends included. The period lives in the
 * address (`?year=2026` or `?from=2026-09-01&to=2026-11-30`) so a table can be linked to.
 */
import { DatePicker, Select, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useSearchParams } from "react-router";
import { api, call } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import type { CaseType, RatesTable } from "./case-types.js";

type Row = RatesTable["rows"][number];
type Change = Partial<Record<"year" | "from" | "to", string | null>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Midnight starting a Beijing date: the API's periods are instants. */
const beijingMidnight = (date: string) => `${date}T00:00:00+08:00`;

export function CaseRatesTab({ type }: { type: CaseType }) {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const from = search.get("from");
  const to = search.get("to");
  const range = from !== null && to !== null && DATE.test(from) && DATE.test(to) ? { from, to } : null;
  const asked = Number(search.get("year"));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const query =
    range === null
      ? { year }
      : {
          from: beijingMidnight(range.from),
          to: beijingMidnight(dayjs(range.to).add(1, "day").format("YYYY-MM-DD")),
        };
  const { data, error, loading, reload } = useApi(
    () => call(api.GET("/api/v1/case-types/{id}/rates", { params: { path: { id: type.id }, query } })),
    [type.id, JSON.stringify(query)],
  );
  const update = (change: Change) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(change))
          if (value === null) next.delete(key);
          else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const percent = (value: string | null) =>
    value === null ? (
      <Typography.Text type="secondary">{t("cases.rates.none")}</Typography.Text>
    ) : (
      `${value}%`
    );
  const hasRevisit = type.definition.revisitStage !== null;
  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <Space wrap>
        <span>{t("cases.rates.year")}</span>
        <Select<number | "range">
          value={range === null ? year : "range"}
          style={{ minWidth: 120 }}
          onChange={(value) =>
            value === "range"
              ? update({ year: null, from: `${year}-01-01`, to: dayjs().format("YYYY-MM-DD") })
              : update({ year: String(value), from: null, to: null })
          }
          options={[
            ...[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}` })),
            { value: "range" as const, label: t("cases.rates.range") },
          ]}
        />
        {range !== null ? (
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(range.from), dayjs(range.to)]}
            onChange={(dates) => {
              const [start, end] = dates ?? [];
              if (start && end) update({ from: start.format("YYYY-MM-DD"), to: end.format("YYYY-MM-DD") });
            }}
          />
        ) : null}
        {data !== undefined ? (
          <Typography.Text type="secondary">
            {t("cases.rates.period", { period: data.label })}
          </Typography.Text>
        ) : null}
      </Space>
      {error !== undefined ? <ApiErrorAlert error={error} onRetry={reload} /> : null}
      <Table<Row>
        size="small"
        rowKey="organisationId"
        loading={loading}
        pagination={false}
        dataSource={data?.rows ?? []}
        columns={[
          { title: t("cases.unit"), dataIndex: "organisationName" },
          { title: t("cases.rates.received"), dataIndex: "received", align: "right" },
          { title: t("cases.rates.closed"), dataIndex: "closed", align: "right" },
          { title: t("cases.rates.closedOnTime"), dataIndex: "closedOnTime", align: "right" },
          ...(hasRevisit
            ? [{ title: t("cases.rates.revisited"), dataIndex: "revisited", align: "right" as const }]
            : []),
          { title: t("cases.rates.closeRate"), dataIndex: "closePercent", align: "right", render: percent },
          { title: t("cases.rates.onTimeRate"), dataIndex: "onTimePercent", align: "right", render: percent },
          ...(hasRevisit
            ? [
                {
                  title: t("cases.rates.revisitRate"),
                  dataIndex: "revisitPercent",
                  align: "right" as const,
                  render: percent,
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
