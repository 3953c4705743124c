/**
 * 任务分解: the unit's head gives indicators and tables to its departments (the organisations under the unit),
 * with a person and a deadline. Each row saves on its own version.
 */
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { errorText } from "../../api/errors.js";
import { useApi } from "../../api/use-api.js";
import { formatDate } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import type { Assignment, SelfEvaluation } from "./types.js";

interface Target {
  target: string;
  label: string;
  depth: number;
}

interface Row extends Target {
  assignment: Assignment | undefined;
}

function AssignmentRow({
  view,
  row,
  departments,
  onSaved,
}: {
  view: SelfEvaluation;
  row: Row;
  departments: Array<{ value: string; label: string }>;
  onSaved(): void;
}) {
  const { t, lang } = useI18n();
  const [departmentId, setDepartmentId] = useState<string | null>(row.assignment?.departmentId ?? null);
  const [person, setPerson] = useState(row.assignment?.person ?? "");
  const [deadline, setDeadline] = useState<string | null>(row.assignment?.deadline ?? null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await call(
        api.PUT("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}/assignments/{target}", {
          params: { path: { campaignId: view.campaignId, organisationId: view.unit.id, target: row.target } },
          body: {
            version: row.assignment?.version ?? 0,
            departmentId,
            person: person.trim() === "" ? null : person.trim(),
            deadline,
          },
        }),
      );
      onSaved();
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div>
      <Space size={6} style={{ flexWrap: "nowrap" }}>
        <Select
          aria-label={t("self.assign.departmentOf", { target: row.label })}
          allowClear
          placeholder={t("self.assign.department")}
          style={{ width: 170 }}
          value={departmentId ?? undefined}
          options={departments}
          onChange={(v) => setDepartmentId(v ?? null)}
        />
        <Input
          aria-label={t("self.assign.personOf", { target: row.label })}
          placeholder={t("self.assign.person")}
          style={{ width: 96 }}
          value={person}
          onChange={(e) => setPerson(e.target.value)}
        />
        <DatePicker
          aria-label={t("self.assign.deadlineOf", { target: row.label })}
          placeholder={t("self.assign.deadline")}
          style={{ width: 136 }}
          value={deadline === null ? null : dayjs(deadline)}
          onChange={(d) => setDeadline(d === null ? null : d.format("YYYY-MM-DD"))}
        />
        <Button size="small" type="primary" loading={saving} onClick={() => void save()}>
          {t("self.assign.save")}
        </Button>
      </Space>
      {error !== null && (
        <Typography.Text type="danger" style={{ display: "block" }}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}

export function AssignmentPanel({ view, onSaved }: { view: SelfEvaluation; onSaved(): void }) {
  const { t } = useI18n();
  const { data } = useApi(
    () => call(api.GET("/api/v1/organisations", { params: { query: { under: view.unit.id, limit: 500 } } })),
    [view.unit.id],
  );
  const departments = (data?.items ?? [])
    .filter((o) => o.id !== view.unit.id)
    .map((o) => ({ value: o.id, label: o.name }));
  for (const a of view.assignments)
    if (a.departmentId !== null && !departments.some((d) => d.value === a.departmentId))
      departments.push({ value: a.departmentId, label: a.departmentName ?? a.departmentId });
  const byTarget = new Map(view.assignments.map((a) => [a.target, a]));
  const targets: Target[] = [
    ...view.items.map((i) => ({ target: i.code, label: `${i.code} ${i.name}`, depth: i.depth })),
    ...view.tables.map((tb) => ({ target: `table:${tb.code}`, label: `${tb.code} ${tb.name}`, depth: 1 })),
  ];
  const rows: Row[] = targets.map((target) => ({ ...target, assignment: byTarget.get(target.target) }));

  return (
    <Card size="small" title={t("self.assign.title")}>
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        {departments.length === 0 && data !== undefined && (
          <Alert type="info" showIcon title={t("self.assign.noDepartments")} />
        )}
        <Table<Row>
          size="small"
          rowKey="target"
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: t("self.assign.target"),
              key: "target",
              render: (_, row) => (
                <span style={{ paddingInlineStart: (row.depth - 1) * 16 }}>
                  {row.target.startsWith("table:") && <Tag>{t("self.assign.table")}</Tag>}
                  {row.label}
                </span>
              ),
            },
            {
              title: t("self.assign.current"),
              key: "current",
              filters: [
                { text: t("self.assign.assigned"), value: "yes" },
                { text: t("self.assign.unassigned"), value: "no" },
              ],
              onFilter: (value, row) => (value === "yes") === (row.assignment?.departmentId != null),
              render: (_, row) =>
                row.assignment?.departmentName == null ? (
                  "—"
                ) : (
                  <Space size={4} style={{ whiteSpace: "nowrap" }}>
                    <Tag color="purple">{row.assignment.departmentName}</Tag>
                    {row.assignment.deadline !== null && formatDate(row.assignment.deadline)}
                    {row.assignment.overdue && <Tag color="error">{t("self.assign.overdue")}</Tag>}
                  </Space>
                ),
            },
            ...(departments.length === 0
              ? []
              : [
                  {
                    title: t("self.assign.edit"),
                    key: "edit",
                    render: (_: unknown, row: Row) =>
                      view.editable ? (
                        <AssignmentRow
                          key={`${row.target}:${row.assignment?.version ?? 0}`}
                          view={view}
                          row={row}
                          departments={departments}
                          onSaved={onSaved}
                        />
                      ) : (
                        "—"
                      ),
                  },
                ]),
          ]}
        />
      </Space>
    </Card>
  );
}
