/**
 * 案件办理 (`/cases`): choose a case type, then its cases (filters by unit, stage, status, overdue; paged), its rates
 * per unit and period (the center), or its stages with the time allowed. The center defines case types and records
 * received cases here.
 */
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tabs, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, call } from "../../api/client.js";
import { errorText } from "../../api/errors.js";
import { useApi } from "../../api/use-api.js";
import { kindOf } from "../../auth/roles.js";
import { useSignedIn } from "../../auth/session.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { CaseRatesTab } from "./CaseRatesTab.js";
import { CaseStatusTag } from "./CaseStatusTag.js";
import { NewCaseType } from "./CaseTypeForm.js";
import { CaseTypeStages } from "./CaseTypeStages.js";
import type { CaseType } from "./case-types.js";

export default function CasesPage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const session = useSignedIn();
  const center = session.user.grants.some((g) => kindOf(g.role) === "organiser" || g.role === "viewer");
  const { data, error, reload } = useApi(() => call(api.GET("/api/v1/case-types")), []);
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (data === undefined) return <PageSpinner />;
  const created = (id: string) => {
    reload();
    setSearch({ type: id, tab: "type" }, { replace: true });
  };
  if (data.items.length === 0)
    return (
      <Card title={t("cases.title")} extra={<NewCaseType onCreated={created} />}>
        {t("cases.noTypes")}
      </Card>
    );
  const type = data.items.find((i) => i.id === search.get("type")) ?? data.items[0]!;
  const tab = search.get("tab") ?? "list";
  const set = (change: Record<string, string>) =>
    setSearch({ type: type.id, tab, ...change }, { replace: true });

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={t("cases.title")} extra={<NewCaseType onCreated={created} />}>
        <Space>
          <span>{t("cases.type")}</span>
          <Select
            style={{ minWidth: 260 }}
            value={type.id}
            onChange={(id) => set({ type: id })}
            options={data.items.map((i) => ({ value: i.id, label: `${i.name}（${i.ownerName}）` }))}
          />
        </Space>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key })}
        items={[
          { key: "list", label: t("cases.tab.list"), children: <CaseList type={type} /> },
          ...(center
            ? [{ key: "rates", label: t("cases.tab.rates"), children: <CaseRatesTab type={type} /> }]
            : []),
          { key: "type", label: t("cases.tab.type"), children: <CaseTypeStages type={type} /> },
        ]}
      />
    </Space>
  );
}

interface Filters {
  unitId?: string;
  stage?: string;
  status?: "open" | "closed";
  overdue?: boolean;
  q?: string;
}

function CaseList({ type }: { type: CaseType }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const { data, error, loading, reload } = useApi(
    () =>
      call(
        api.GET("/api/v1/cases", {
          params: {
            query: {
              typeId: type.id,
              ...(filters.unitId === undefined ? {} : { unitId: filters.unitId }),
              ...(filters.stage === undefined ? {} : { stage: filters.stage }),
              ...(filters.status === undefined ? {} : { status: filters.status }),
              ...(filters.overdue ? { overdue: "true" as const } : {}),
              ...(filters.q ? { q: filters.q } : {}),
              limit: pageSize,
              offset: (page - 1) * pageSize,
            },
          },
        }),
      ),
    [type.id, filters, page],
  );
  const units = useApi(
    () =>
      call(
        api.GET("/api/v1/organisations", { params: { query: { under: type.ownerId, limit: 500 } } }),
      ).catch(() => undefined),
    [type.ownerId],
  );
  const unitOptions = (units.data?.items ?? [])
    .filter((o) => o.parentId === type.ownerId)
    .map((o) => ({ value: o.id, label: o.name }));
  const change = (next: Filters) => {
    setFilters(next);
    setPage(1);
  };

  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <Space wrap>
        {unitOptions.length > 0 ? (
          <Select
            allowClear
            placeholder={t("cases.allUnits")}
            style={{ minWidth: 180 }}
            options={unitOptions}
            value={filters.unitId}
            onChange={(unitId?: string) => change({ ...filters, unitId })}
          />
        ) : null}
        <Select
          allowClear
          placeholder={t("cases.allStages")}
          style={{ minWidth: 140 }}
          options={type.definition.stages.map((s) => ({ value: s.code, label: s.name }))}
          value={filters.stage}
          onChange={(stage?: string) => change({ ...filters, stage })}
        />
        <Select
          allowClear
          placeholder={t("cases.allStatuses")}
          style={{ minWidth: 120 }}
          options={[
            { value: "open", label: t("cases.statusOpen") },
            { value: "closed", label: t("cases.statusClosed") },
          ]}
          value={filters.status}
          onChange={(status?: "open" | "closed") => change({ ...filters, status })}
        />
        <Button
          type={filters.overdue ? "primary" : "default"}
          danger={filters.overdue}
          onClick={() => change({ ...filters, overdue: !filters.overdue })}
        >
          {t("cases.overdueOnly")}
        </Button>
        <Input.Search
          allowClear
          placeholder={t("cases.search")}
          style={{ width: 200 }}
          onSearch={(q) => change({ ...filters, q })}
        />
        <ReceiveCase type={type} onDone={(id) => navigate(`/cases/${id}`)} />
      </Space>
      {error !== undefined ? <ApiErrorAlert error={error} onRetry={reload} /> : null}
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t("cases.empty") }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t("cases.number"),
            dataIndex: "number",
            render: (n: string, c) => <Link to={`/cases/${c.id}`}>{n}</Link>,
          },
          { title: t("cases.caseTitle"), dataIndex: "title" },
          {
            title: t("cases.unit"),
            dataIndex: "unitName",
            render: (n: string | null) => n ?? t("cases.notDispatched"),
          },
          { title: t("cases.receivedAt"), dataIndex: "receivedAt", render: formatDateTime },
          { title: t("cases.stage"), dataIndex: "stageName", render: (n: string | null) => n ?? "—" },
          {
            title: t("cases.stageDue"),
            dataIndex: "stageDueAt",
            render: (d: string | null, c) => (
              <Typography.Text type={c.overdue ? "danger" : undefined}>{formatDateTime(d)}</Typography.Text>
            ),
          },
          { title: t("cases.status"), key: "status", render: (_: unknown, c) => <CaseStatusTag item={c} /> },
        ]}
      />
    </Space>
  );
}

function ReceiveCase({ type, onDone }: { type: CaseType; onDone(id: string): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ number: string; title: string; address?: string; details?: string }>();
  const session = useSignedIn();
  const center = session.user.grants.some((g) => kindOf(g.role) === "organiser");
  if (!center) return null;
  const submit = async () => {
    const values = await form.validateFields();
    try {
      const created = await call(
        api.POST("/api/v1/case-types/{id}/cases", { params: { path: { id: type.id } }, body: values }),
      );
      message.success(t("cases.received"));
      setOpen(false);
      onDone(created.id);
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t("cases.receive")}
      </Button>
      <Modal
        open={open}
        title={t("cases.receive")}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="number" label={t("cases.number")} rules={[{ required: true }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="title" label={t("cases.caseTitle")} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="address" label={t("cases.address")}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="details" label={t("cases.details")}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
