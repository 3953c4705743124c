/** The rates table of a case type: counts and 处结率 / 按期办结率 / 回访率 per unit for a year. */
import { Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import type { CaseType, RatesTable } from "./case-types.js";

type Row = RatesTable["rows"][number];

export function CaseRatesTab({ type }: { type: CaseType }) {
  const { t } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const { data, error, loading, reload } = useApi(
    () =>
      call(api.GET("/api/v1/case-types/{id}/rates", { params: { path: { id: type.id }, query: { year } } })),
    [type.id, year],
  );
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  const percent = (value: string | null) =>
    value === null ? (
      <Typography.Text type="secondary">{t("cases.rates.none")}</Typography.Text>
    ) : (
      `${value}%`
    );
  const hasRevisit = type.definition.revisitStage !== null;
  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <Space>
        <span>{t("cases.rates.year")}</span>
        <Select
          value={year}
          onChange={setYear}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}` }))}
        />
        {data !== undefined ? (
          <Typography.Text type="secondary">
            {t("cases.rates.period", { period: data.label })}
          </Typography.Text>
        ) : null}
      </Space>
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
