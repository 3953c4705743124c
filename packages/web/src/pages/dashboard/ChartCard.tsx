/**
 * A chart in a titled card with a "查看数据" switch that shows the same figures as a table, for screen readers,
 * for reading exact values and for tests. The card is a region named by its title.
 */
import { Card, Empty, Switch, Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import { type ReactNode, useId, useState } from "react";
import { useI18n } from "../../i18n/i18n.js";
import type { ChartOption } from "./chart-option.js";
import { EChart } from "./EChart.js";

/** A figures table: its columns and rows (each row's `key` unique). */
export interface DataTable<Row extends { key: string }> {
  columns: ColumnsType<Row>;
  rows: Row[];
}

interface Props<Row extends { key: string }> {
  title: string;
  /** A sentence describing what the chart shows, read by screen readers as the chart's name. */
  description: string;
  option: ChartOption;
  data: DataTable<Row>;
  height?: number;
  /** Beside the data switch in the card's header (a selector, a link). */
  extra?: ReactNode;
  /** Below the chart or table (a note on how the figures are counted). */
  footer?: ReactNode;
  empty?: boolean;
}

export function ChartCard<Row extends { key: string }>({
  title,
  description,
  option,
  data,
  height = 300,
  extra,
  footer,
  empty = false,
}: Props<Row>) {
  const { t } = useI18n();
  const [showData, setShowData] = useState(false);
  const titleId = useId();
  const switchId = useId();
  return (
    <section aria-labelledby={titleId} style={{ height: "100%" }}>
      <Card
        size="small"
        style={{ height: "100%" }}
        title={<span id={titleId}>{title}</span>}
        extra={
          <span style={{ display: "inline-flex", alignItems: "center", gap: 12 }}>
            {extra}
            <span style={{ display: "inline-flex", alignItems: "center", gap: 4, fontWeight: 400 }}>
              <Switch
                id={switchId}
                size="small"
                checked={showData}
                onChange={setShowData}
                aria-label={t("dashboard.showData", { chart: title })}
              />
              <label htmlFor={switchId}>{t("dashboard.data")}</label>
            </span>
          </span>
        }
      >
        {empty ? (
          <Empty description={t("dashboard.noFigures")} style={{ paddingBlock: 48 }} />
        ) : showData ? (
          <Table<Row>
            size="small"
            columns={data.columns}
            dataSource={data.rows}
            pagination={false}
            scroll={{ x: "max-content" }}
            aria-label={t("dashboard.dataOf", { chart: title })}
          />
        ) : (
          <EChart option={option} label={description} height={height} />
        )}
        {footer}
      </Card>
    </section>
  );
}
