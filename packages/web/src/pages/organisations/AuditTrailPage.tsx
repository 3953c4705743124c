/**
 * 操作日志: one organisation's audit trail, newest first, paged by the server and filtered by action and time;
 * administrators can verify the whole hash chain. Those not allowed to read it get a plain refusal.
 */
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button, Card, DatePicker, Result, Select, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { api, call } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import { optional } from "../../api/optional.js";
import type { ResponseOf } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { useSignedIn } from "../../auth/session.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { BackLink } from "../../layout/BackLink.js";
import { type Change, changesOf } from "./audit-changes.js";
import { AUDIT_ACTIONS, actionLabel, entityLabel, fieldLabel } from "./audit-labels.js";

type AuditEntry = ResponseOf<"/api/v1/organisations/{id}/audit", "get">["items"][number];
type ChainReport = ResponseOf<"/api/v1/audit/verify", "get">;

const PAGE_SIZE = 20;

export default function AuditTrailPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const session = useSignedIn();
  const admin = session.user.grants.some((g) => g.role === "admin");
  const [action, setAction] = useState<string | undefined>();
  const [span, setSpan] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [chain, setChain] = useState<ChainReport | ApiError | null>(null);
  const [verifying, setVerifying] = useState(false);

  const actionName = (a: string) => actionLabel(t, a);
  const fieldName = (f: string) => fieldLabel(t, f);

  const organisation = useApi(
    () => optional(call(api.GET("/api/v1/organisations/{id}", { params: { path: { id } } }))),
    [id],
  );
  // Rows name organisations by id (parentId, ownerId): shown by name where the user can see them.
  const names = useApi(async () => {
    const list = await optional(
      call(api.GET("/api/v1/organisations", { params: { query: { limit: 500 } } })),
    );
    return new Map((list?.items ?? []).map((o) => [o.id, o.name]));
  }, []);
  // Rows name their author by username; the people the user manages are shown by name as well.
  const people = useApi(async () => {
    const list = await optional(call(api.GET("/api/v1/users", { params: { query: { limit: 500 } } })));
    return new Map((list?.items ?? []).map((u) => [u.id, u.displayName]));
  }, []);
  const named = (value: string | null) => (value === null ? null : (names.data?.get(value) ?? value));
  const from = span?.[0]?.startOf("day").toISOString();
  const to = span?.[1]?.endOf("day").toISOString();
  const trail = useApi(
    () =>
      call(
        api.GET("/api/v1/organisations/{id}/audit", {
          params: {
            path: { id },
            query: {
              limit: PAGE_SIZE,
              offset: (page - 1) * PAGE_SIZE,
              ...(action === undefined ? {} : { action }),
              ...(from === undefined ? {} : { from }),
              ...(to === undefined ? {} : { to }),
            },
          },
        }),
      ),
    [id, page, action, from, to],
  );

  async function verify() {
    setVerifying(true);
    try {
      setChain(await call(api.GET("/api/v1/audit/verify")));
    } catch (error) {
      setChain(error instanceof ApiError ? error : null);
    } finally {
      setVerifying(false);
    }
  }

  if (trail.error?.status === 403) {
    return (
      <Result
        status="403"
        title={t("audit.forbidden")}
        subTitle={t("audit.forbiddenHint")}
        extra={<Button onClick={() => navigate(-1)}>{t("app.back")}</Button>}
      />
    );
  }

  const name = organisation.data?.name ?? "";
  const renderChanges = (entry: AuditEntry) => {
    const changes = changesOf(entry.before, entry.after);
    if (changes.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
    return (
      <ul style={{ margin: 0, paddingInlineStart: 16 }}>
        {changes.map((c: Change) => (
          <li key={c.field}>
            <Typography.Text type="secondary">{fieldName(c.field)}：</Typography.Text>
            {c.before !== null && (
              <>
                <Typography.Text delete>{named(c.before)}</Typography.Text> →{" "}
              </>
            )}
            <span>{named(c.after) ?? "—"}</span>
          </li>
        ))}
      </ul>
    );
  };

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space>
            <BackLink to={-1} />
            <span>{t("audit.title", { name })}</span>
          </Space>
        }
        extra={
          admin && (
            <Button size="small" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={verify}>
              {t("audit.verify")}
            </Button>
          )
        }
      >
        <Space direction="vertical" size={12} style={{ width: "100%" }}>
          {chain instanceof ApiError && <ApiErrorAlert error={chain} />}
          {chain !== null && !(chain instanceof ApiError) && (
            <Alert
              showIcon
              type={chain.intact ? "success" : "error"}
              title={
                chain.intact || chain.problem === null
                  ? t("audit.chainIntact", { rows: chain.rows })
                  : t(`audit.chainBroken.${chain.problem.kind}`, { seq: chain.problem.seq, rows: chain.rows })
              }
            />
          )}
          <Space wrap>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              aria-label={t("audit.filterAction")}
              placeholder={t("audit.filterAction")}
              style={{ width: 240 }}
              value={action}
              onChange={(value?: string) => {
                setAction(value);
                setPage(1);
              }}
              options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionName(a) }))}
            />
            <DatePicker.RangePicker
              aria-label={t("audit.filterTime")}
              placeholder={[t("audit.from"), t("audit.to")]}
              allowEmpty={[true, true]}
              value={span}
              onChange={(value) => {
                setSpan(value);
                setPage(1);
              }}
            />
          </Space>
          {trail.error !== undefined ? (
            <ApiErrorAlert error={trail.error} onRetry={trail.reload} />
          ) : (
            <Table<AuditEntry>
              rowKey="seq"
              size="small"
              loading={trail.loading}
              dataSource={trail.data?.items ?? []}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: trail.data?.total ?? 0,
                showSizeChanger: false,
                showTotal: (total) => t("audit.total", { total }),
                onChange: setPage,
              }}
              columns={[
                { title: t("audit.seq"), dataIndex: "seq", width: 80 },
                {
                  title: t("audit.at"),
                  dataIndex: "at",
                  width: 150,
                  render: (at: string) => formatDateTime(at),
                },
                {
                  title: t("audit.actor"),
                  key: "actor",
                  width: 180,
                  render: (_, e) => {
                    const name = e.actor.id === null ? undefined : people.data?.get(e.actor.id);
                    return name === undefined ? (
                      e.actor.name
                    ) : (
                      <Space direction="vertical" size={0}>
                        <span>{name}</span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {e.actor.name}
                        </Typography.Text>
                      </Space>
                    );
                  },
                },
                {
                  title: t("audit.action"),
                  dataIndex: "action",
                  width: 170,
                  render: (a: string) => <Tag color="blue">{actionName(a)}</Tag>,
                },
                {
                  title: t("audit.entity"),
                  key: "entity",
                  width: 130,
                  render: (_, e) => entityLabel(t, e.entityType, e.entityId),
                },
                { title: t("audit.changes"), key: "changes", render: (_, e) => renderChanges(e) },
              ]}
            />
          )}
        </Space>
      </Card>
    </Space>
  );
}
