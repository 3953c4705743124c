/**
 * The campaign's 整改 tab (`?tab=rectification`): the items, overdue first and marked in red, filtered by status,
 * with the counts per unit; for the organiser new items, generation from the review findings and 发起回头看; for
 * a follow-up campaign the re-checks of the earlier one's closed items.
 */
import { App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, call } from "../../api/client.js";
import { errorText } from "../../api/errors.js";
import { optional } from "../../api/optional.js";
import { useApi } from "../../api/use-api.js";
import { kindOf } from "../../auth/roles.js";
import { useSignedIn } from "../../auth/session.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import type { CampaignTabProps } from "../campaign-tab.js";
import { RecheckCard } from "./RecheckCard.js";
import { type Item, STATUSES, type Status } from "./rectification-types.js";
import { StatusTags } from "./StatusTags.js";

interface NewItem {
  organisationId: string;
  source: "review" | "feedback" | "inspection";
  indicatorCode?: string;
  problem: string;
  target?: string;
  measures?: string;
  deadline: string;
  responsiblePerson?: string;
}

export default function CampaignRectificationTab({ campaign }: CampaignTabProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const session = useSignedIn();
  const navigate = useNavigate();
  const organiser = session.user.grants.some((g) => kindOf(g.role) === "organiser");
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const [overdue, setOverdue] = useState(false);
  const [creating, setCreating] = useState(false);
  const [launching, setLaunching] = useState(false);
  const [form] = Form.useForm<NewItem>();
  const [followUpForm] = Form.useForm<{ selfCheckDeadline: string; recheckDeadline: string }>();
  const id = campaign.id;
  const { data, error, reload } = useApi(async () => {
    const path = { id };
    const [list, units] = await Promise.all([
      call(
        api.GET("/api/v1/campaigns/{id}/rectification-items", {
          params: {
            path,
            query: {
              limit: 500,
              ...(status === undefined ? {} : { status }),
              ...(overdue ? { overdue: "true" } : {}),
            },
          },
        }),
      ),
      organiser
        ? optional(call(api.GET("/api/v1/campaigns/{id}/units", { params: { path, query: { limit: 500 } } })))
        : null,
    ]);
    return { list, units: units?.items ?? [] };
  }, [id, status, overdue]);

  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (data === undefined) return <PageSpinner />;
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      reload();
      return true;
    } catch (e) {
      message.error(errorText(e, lang));
      return false;
    }
  };

  const generate = () =>
    act(async () => {
      const result = await call(
        api.POST("/api/v1/campaigns/{id}/rectification-items/generate", {
          params: { path: { id } },
          body: {},
        }),
      );
      message.info(t("rectification.generated", { created: result.created, skipped: result.skipped }));
    }, t("rectification.item.saved"));

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <RecheckCard
        campaignId={id}
        draft={campaign.status === "draft"}
        organiser={organiser}
        onChange={reload}
      />
      <Card
        size="small"
        title={t("rectification.tab")}
        extra={
          organiser ? (
            <Space>
              <Button onClick={() => setCreating(true)}>{t("rectification.create")}</Button>
              <Button onClick={generate}>{t("rectification.generate")}</Button>
              <Button onClick={() => setLaunching(true)}>{t("rectification.followUp.launch")}</Button>
            </Space>
          ) : undefined
        }
      >
        <Space style={{ marginBottom: 12 }}>
          <Select
            aria-label={t("rectification.status")}
            style={{ width: 160 }}
            value={status ?? "all"}
            onChange={(v) => setStatus(v === "all" ? undefined : (v as Status))}
            options={[
              { value: "all", label: t("rectification.allStatuses") },
              ...STATUSES.map((s) => ({ value: s, label: t(`rectification.status.${s}`) })),
            ]}
          />
          <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
            {t("rectification.overdueOnly")}
          </Checkbox>
        </Space>
        <Table<Item>
          size="small"
          rowKey="id"
          dataSource={data.list.items}
          pagination={false}
          locale={{ emptyText: t("rectification.empty") }}
          rowClassName={(item) => (item.overdue ? "rectification-overdue" : "")}
          columns={[
            { title: t("rectification.unit"), dataIndex: "organisationName" },
            {
              title: t("rectification.indicator"),
              render: (_, item) => item.indicator ?? t("rectification.item.comprehensive"),
            },
            { title: t("rectification.problem"), dataIndex: "problem", ellipsis: true },
            {
              title: t("rectification.deadline"),
              render: (_, item) => (
                <Typography.Text type={item.overdue ? "danger" : undefined}>{item.deadline}</Typography.Text>
              ),
            },
            { title: t("rectification.status"), render: (_, item) => <StatusTags item={item} /> },
            {
              title: "",
              render: (_, item) => (
                <Link to={`/rectification-items/${item.id}`}>{t("rectification.open")}</Link>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t("rectification.perUnit")}>
        <Table
          size="small"
          rowKey="organisationId"
          pagination={false}
          dataSource={data.list.units}
          columns={[
            { title: t("rectification.unit"), dataIndex: "organisationName" },
            {
              title: t("rectification.status"),
              render: (_, u) => (
                <Typography.Text type={u.overdue > 0 ? "danger" : undefined}>
                  {t("rectification.counts", {
                    open: u.open,
                    overdue: u.overdue,
                    reported: u.reported,
                    closed: u.closed,
                  })}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title={t("rectification.create")}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<NewItem>
          form={form}
          layout="vertical"
          initialValues={{ source: "inspection" }}
          onFinish={async (values) => {
            const ok = await act(
              () =>
                call(
                  api.POST("/api/v1/campaigns/{id}/rectification-items", {
                    params: { path: { id } },
                    body: { ...values, indicatorCode: values.indicatorCode || null },
                  }),
                ),
              t("rectification.created"),
            );
            if (ok) {
              setCreating(false);
              form.resetFields();
            }
          }}
        >
          <Form.Item name="organisationId" label={t("rectification.unit")} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={data.units.map((u) => ({ value: u.organisationId, label: `${u.code} ${u.name}` }))}
            />
          </Form.Item>
          <Form.Item name="source" label={t("rectification.source")}>
            <Select
              options={(["review", "feedback", "inspection"] as const).map((s) => ({
                value: s,
                label: t(`rectification.source.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="indicatorCode" label={t("rectification.indicator")}>
            <Input placeholder="B1.1" />
          </Form.Item>
          <Form.Item name="problem" label={t("rectification.problem")} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="target" label={t("rectification.target")}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="measures" label={t("rectification.measures")}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="deadline" label={t("rectification.deadline")} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="responsiblePerson" label={t("rectification.person")}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={launching}
        title={t("rectification.followUp.launch")}
        onCancel={() => setLaunching(false)}
        onOk={() => followUpForm.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("rectification.followUp.hint")}</Typography.Paragraph>
        <Form
          form={followUpForm}
          layout="vertical"
          onFinish={async (values) => {
            try {
              const followUp = await call(
                api.POST("/api/v1/campaigns/{id}/follow-up", { params: { path: { id } }, body: values }),
              );
              message.success(t("rectification.followUp.launched"));
              setLaunching(false);
              // The re-checks are done in the new campaign, so that is where the organiser goes next.
              navigate(`/campaigns/${followUp.id}?tab=rectification`);
            } catch (e) {
              message.error(errorText(e, lang));
            }
          }}
        >
          <Form.Item
            name="selfCheckDeadline"
            label={t("rectification.followUp.selfCheck")}
            rules={[{ required: true }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="recheckDeadline"
            label={t("rectification.followUp.recheck")}
            rules={[{ required: true }]}
          >
            <Input type="date" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
