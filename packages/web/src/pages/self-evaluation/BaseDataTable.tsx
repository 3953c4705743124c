/** One base-data table (基础数据统计表), autosaved on its own version, each rule violation shown at its cell. */
import { Alert, Button, Card, Input, Space, Table, Tooltip, Typography } from "antd";
import { useRef, useState } from "react";
import { api, call } from "../../api/client.js";
import { useI18n } from "../../i18n/i18n.js";
import { TableWorkbookButtons } from "../documents/TableWorkbookButtons.js";
import { SaveBadge } from "./SaveBadge.js";
import { cellProblem, cellValue, shownViolations, violationsByCell } from "./table-cells.js";
import type { Column, SelfEvaluation, TableView, Violation } from "./types.js";
import { useAutosaver } from "./use-autosaver.js";

type Rows = Record<string, Record<string, number | string | null>>;

interface Props {
  view: SelfEvaluation;
  table: TableView;
  onSaved(): void;
  onLoadTheirs(): void;
}

export function BaseDataTable({ view, table, onSaved, onLoadTheirs }: Props) {
  const { t } = useI18n();
  const columns = table.columns as Column[];
  const [rows, setRows] = useState<Rows>(() => table.rows as Rows);
  const [violations, setViolations] = useState<Violation[]>(() =>
    view.violations.filter((v) => v.table === table.code),
  );
  /** What is typed in each cell ("row.column"), so "12." or "-" stay on screen while the value sent is a number. */
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [newRow, setNewRow] = useState("");
  const version = useRef(table.version);
  const editable = view.editable && table.editable;

  const { saver, state } = useAutosaver<Rows>(async (value) => {
    const saved = await call(
      api.PUT("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}/tables/{tableCode}", {
        params: {
          path: { campaignId: view.campaignId, organisationId: view.unit.id, tableCode: table.code },
        },
        body: { version: version.current, rows: value },
      }),
    );
    version.current = saved.version;
    setViolations(saved.violations);
    onSaved();
  });

  const byCell = violationsByCell(shownViolations(violations, rows), table.code);
  const edit = (next: Rows) => {
    setRows(next);
    saver.edit(next);
  };
  const rowKeys = table.fixedRows?.map((r) => r.key) ?? Object.keys(rows);
  const rowName = new Map(table.fixedRows?.map((r) => [r.key, r.name]) ?? []);
  const general = [...byCell.entries()].filter(([key]) => key.endsWith(".")).flatMap(([, m]) => m);

  return (
    <Card
      size="small"
      title={`${table.code} ${table.name}`}
      extra={
        <Space>
          <TableWorkbookButtons view={view} table={table} importable={editable} onImported={onLoadTheirs} />
          <SaveBadge state={state} />
        </Space>
      }
      id={`table-${table.code}`}
    >
      <Space direction="vertical" size={8} style={{ width: "100%" }}>
        {table.description !== null && (
          <Typography.Text type="secondary">{table.description}</Typography.Text>
        )}
        {state.kind === "conflict" && (
          <Alert
            type="error"
            showIcon
            title={t("self.conflict.table")}
            action={
              <Button size="small" onClick={onLoadTheirs}>
                {t("self.conflict.load")}
              </Button>
            }
          />
        )}
        {general.length > 0 && <Alert type="warning" showIcon title={general.join("；")} />}
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: "max-content" }}
          dataSource={rowKeys.map((key) => ({ key }))}
          columns={[
            {
              title: t("self.table.row"),
              key: "row",
              fixed: "left",
              render: (_, { key }) => rowName.get(key) ?? key,
            },
            ...columns.map((column) => ({
              title: `${column.name}${column.unit === undefined ? "" : `（${column.unit}）`}${column.required ? " *" : ""}`,
              key: column.code,
              render: (_: unknown, { key }: { key: string }) => {
                const value = rows[key]?.[column.code] ?? null;
                const at = `${key}.${column.code}`;
                const local = cellProblem(column, value);
                const messages = [
                  ...(local === null
                    ? []
                    : [t(`self.table.${local}`, { min: String(column.min), max: String(column.max) })]),
                  ...(byCell.get(at) ?? []),
                ];
                return (
                  <Tooltip title={messages.join("；")} open={messages.length > 0 ? undefined : false}>
                    <div>
                      <Input
                        size="small"
                        aria-label={`${table.code} ${rowName.get(key) ?? key} ${column.name}`}
                        value={texts[at] ?? (value === null ? "" : String(value))}
                        placeholder={column.required ? t("self.table.required") : undefined}
                        status={messages.length > 0 ? "error" : undefined}
                        disabled={!editable}
                        style={{ width: 110 }}
                        onChange={(e) => {
                          setTexts({ ...texts, [at]: e.target.value });
                          edit({
                            ...rows,
                            [key]: { ...(rows[key] ?? {}), [column.code]: cellValue(column, e.target.value) },
                          });
                        }}
                      />
                      {messages.length > 0 && (
                        <Typography.Text
                          type="danger"
                          style={{ display: "block", fontSize: 12, maxWidth: 220 }}
                        >
                          {messages.join("；")}
                        </Typography.Text>
                      )}
                    </div>
                  </Tooltip>
                );
              },
            })),
          ]}
          summary={() => {
            const sums = columns.map((c) => byCell.get(`*.${c.code}`));
            if (sums.every((s) => s === undefined)) return null;
            return (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t("self.table.columnSum")}</Table.Summary.Cell>
                {sums.map((messages, i) => (
                  <Table.Summary.Cell key={columns[i]!.code} index={i + 1}>
                    {messages !== undefined && (
                      <Typography.Text type="danger">{messages.join("；")}</Typography.Text>
                    )}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            );
          }}
        />
        {table.fixedRows === null && editable && (
          <Space.Compact>
            <Input
              aria-label={t("self.table.newRow")}
              placeholder={t("self.table.newRow")}
              value={newRow}
              onChange={(e) => setNewRow(e.target.value)}
              style={{ width: 220 }}
            />
            <Button
              disabled={newRow.trim() === "" || rows[newRow.trim()] !== undefined}
              onClick={() => {
                edit({ ...rows, [newRow.trim()]: {} });
                setNewRow("");
              }}
            >
              {t("self.table.addRow")}
            </Button>
          </Space.Compact>
        )}
      </Space>
    </Card>
  );
}
