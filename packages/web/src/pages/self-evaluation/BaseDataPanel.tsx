/**
 * 基础数据: the fields the formulas read (typed here, taken from a table, or fed from cases or surveys), then the
 * base-data tables.
 */
import { Card, Col, Form, Input, InputNumber, Radio, Row, Space, Typography } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n/i18n.js";
import { BaseDataTable } from "./BaseDataTable.js";
import { SaveBadge } from "./SaveBadge.js";
import { visibleTables } from "./scope.js";
import type { Field, SelfEvaluation } from "./types.js";
import type { EvaluationSaver } from "./use-evaluation-saver.js";

type FieldValue = number | string | boolean | null;

interface Props {
  view: SelfEvaluation;
  saver: EvaluationSaver;
  generation: number;
  onSaved(): void;
  onLoadTheirs(): void;
}

export function BaseDataPanel({ view, saver, generation, onSaved, onLoadTheirs }: Props) {
  const { t } = useI18n();
  const fields = view.fields as Field[];
  const [data, setData] = useState<Record<string, FieldValue>>(() => view.data as Record<string, FieldValue>);
  const editable = view.editable && view.permissions.editAll;
  const typed = (field: Field) => field.from === undefined && view.fed[field.code] === undefined;
  const set = (code: string, value: FieldValue) => {
    const next = { ...data, [code]: value };
    setData(next);
    saver.editData(
      Object.fromEntries(Object.entries(next).filter(([k]) => fields.some((f) => f.code === k && typed(f)))),
    );
  };
  const help = (field: Field) => {
    const origin = view.fed[field.code];
    if (origin !== undefined) return t("self.data.fed", { origin });
    return field.from === undefined ? field.description : t("self.data.from", { table: field.from.table });
  };

  const input = (field: Field) => {
    const value = field.from === undefined ? data[field.code] : view.tableData[field.code];
    const disabled = !editable || !typed(field);
    const label = `${field.name}${field.unit === undefined ? "" : `（${field.unit}）`}`;
    if (field.type === "boolean")
      return (
        <Radio.Group
          aria-label={label}
          value={typeof value === "boolean" ? value : null}
          disabled={disabled}
          onChange={(e) => set(field.code, e.target.value === true)}
        >
          <Radio value={true}>{t("self.input.yes")}</Radio>
          <Radio value={false}>{t("self.input.no")}</Radio>
        </Radio.Group>
      );
    if (field.type === "text" || field.type === "grade")
      return (
        <Input
          aria-label={label}
          value={typeof value === "string" ? value : ""}
          disabled={disabled}
          onChange={(e) => set(field.code, e.target.value)}
        />
      );
    return (
      <InputNumber
        aria-label={label}
        value={
          typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : null
        }
        precision={field.type === "integer" ? 0 : undefined}
        disabled={disabled}
        style={{ width: "100%" }}
        onChange={(n) => set(field.code, typeof n === "number" ? n : null)}
      />
    );
  };

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {fields.length > 0 && (
        <Card size="small" title={t("self.data.fields")} extra={<SaveBadge state={saver.state} />}>
          <Form layout="vertical" component="div">
            <Row gutter={16}>
              {fields.map((field) => (
                <Col key={field.code} xs={24} md={12} xl={8}>
                  <Form.Item
                    label={`${field.name}${field.unit === undefined ? "" : `（${field.unit}）`}`}
                    required={field.optional !== true}
                    validateStatus={saver.dataErrors[field.code] === undefined ? undefined : "error"}
                    help={saver.dataErrors[field.code]?.join("；") ?? help(field)}
                  >
                    {input(field)}
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Form>
          {!editable && <Typography.Text type="secondary">{t("self.data.readOnly")}</Typography.Text>}
        </Card>
      )}
      {visibleTables(view).map((table) => (
        <BaseDataTable
          key={`${table.code}:${generation}`}
          view={view}
          table={table}
          onSaved={onSaved}
          onLoadTheirs={onLoadTheirs}
        />
      ))}
    </Space>
  );
}
