/**
 * 回头看: in a follow-up campaign, the earlier campaign's closed items, each re-checked once as 巩固 or 反弹. While
 * the follow-up is a draft its relapses are not yet the units' to-dos, which the card says.
 */
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api, call } from "../../api/client.js";
import { errorText } from "../../api/errors.js";
import { optional } from "../../api/optional.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import type { Item } from "./rectification-types.js";

interface Recheck {
  verdict: "held" | "relapsed";
  reason: string;
  deadline?: string;
}

export function RecheckCard(props: {
  campaignId: string;
  draft: boolean;
  organiser: boolean;
  onChange(): void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [item, setItem] = useState<Item | null>(null);
  const [form] = Form.useForm<Recheck>();
  const verdict = Form.useWatch("verdict", form);
  const { data, reload } = useApi(
    () =>
      optional(
        call(api.GET("/api/v1/campaigns/{id}/rechecks", { params: { path: { id: props.campaignId } } })),
      ),
    [props.campaignId],
  );
  if (data == null || data.followUpOf === null) return null;
  return (
    <Card
      size="small"
      title={
        <Space>
          <span>{t("rectification.recheck.title")}</span>
          <Link to={`/campaigns/${data.followUpOf.id}?tab=rectification`}>{data.followUpOf.name}</Link>
        </Space>
      }
    >
      {props.draft ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t("rectification.recheck.draft")} />
      ) : null}
      <Table<Item>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={data.items}
        locale={{ emptyText: t("rectification.recheck.empty") }}
        columns={[
          { title: t("rectification.unit"), dataIndex: "organisationName" },
          {
            title: t("rectification.indicator"),
            render: (_, i) => i.indicator ?? t("rectification.item.comprehensive"),
          },
          {
            title: t("rectification.problem"),
            ellipsis: true,
            render: (_, i) => <Link to={`/rectification-items/${i.id}`}>{i.problem}</Link>,
          },
          {
            title: t("rectification.recheck.result"),
            render: (_, i) =>
              i.recheck !== null ? (
                <>
                  <Tag color={i.recheck.verdict === "held" ? "success" : "red"}>
                    {t(`rectification.recheck.verdict.${i.recheck.verdict}`)}
                  </Tag>
                  <Typography.Text type="secondary">{i.recheck.reason}</Typography.Text>
                  {i.relapseId === null ? null : (
                    <Link style={{ marginLeft: 8 }} to={`/rectification-items/${i.relapseId}`}>
                      {t("rectification.recheck.relapse")}
                    </Link>
                  )}
                </>
              ) : props.organiser ? (
                <Button size="small" onClick={() => setItem(i)}>
                  {t("rectification.recheck.do")}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={item !== null}
        title={item === null ? undefined : `${t("rectification.recheck.do")}：${item.organisationName}`}
        onCancel={() => setItem(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{item?.problem}</Typography.Paragraph>
        <Form<Recheck>
          form={form}
          layout="vertical"
          initialValues={{ verdict: "held" }}
          onFinish={async (values) => {
            if (item === null) return;
            try {
              await call(
                api.POST("/api/v1/campaigns/{id}/rechecks/{itemId}", {
                  params: { path: { id: props.campaignId, itemId: item.id } },
                  body: { version: item.version, ...values },
                }),
              );
              setItem(null);
              reload();
              props.onChange();
            } catch (e) {
              message.error(errorText(e, lang));
            }
          }}
        >
          <Form.Item name="verdict" label={t("rectification.recheck.verdict")}>
            <Radio.Group
              options={(["held", "relapsed"] as const).map((v) => ({
                value: v,
                label: t(`rectification.recheck.verdict.${v}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={t("rectification.item.reason")} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          {verdict === "relapsed" ? (
            <Form.Item
              name="deadline"
              label={t("rectification.recheck.newDeadline")}
              rules={[{ required: true }]}
            >
              <Input type="date" />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Card>
  );
}
