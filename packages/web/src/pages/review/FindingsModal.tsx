/** 问题/意见 of one indicator (or the unit as a whole): the ones recorded so far and a form to add one. */
import { Button, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import type { Finding } from "./review-types.js";

export const FINDING_KINDS = ["problem", "听", "看", "查", "访", "议"] as const;
type Kind = (typeof FINDING_KINDS)[number];

interface Props {
  campaignId: string;
  organisationId: string;
  /** The indicator (code and name), or null for the unit as a whole. */
  indicator: { code: string; name: string } | null;
  open: boolean;
  findings: Finding[];
  readOnly: boolean;
  onClose(): void;
  onAdded(finding: Finding): void;
}

export function FindingsModal({
  campaignId,
  organisationId,
  indicator,
  open,
  findings,
  readOnly,
  onClose,
  onAdded,
}: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ kind: Kind; text: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const title = indicator === null ? t("review.findings.overall") : `${indicator.code} ${indicator.name}`;

  const add = async (values: { kind: Kind; text: string }) => {
    setSaving(true);
    setError(null);
    try {
      const created = await call(
        api.POST("/api/v1/campaigns/{id}/units/{orgId}/findings", {
          params: { path: { id: campaignId, orgId: organisationId } },
          body: {
            kind: values.kind,
            text: values.text,
            ...(indicator === null ? {} : { indicatorCode: indicator.code }),
          },
        }),
      );
      onAdded(created);
      form.setFieldValue("text", "");
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const fields = e.fieldErrors();
      if (fields.text !== undefined) form.setFields([{ name: "text", errors: fields.text }]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      width={640}
      title={t("review.findings.title", { indicator: title })}
    >
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        {findings.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("review.findings.empty")} />
        ) : (
          <List
            size="small"
            bordered
            dataSource={findings}
            renderItem={(f) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <Space size={6}>
                    <Tag color={f.kind === "problem" ? "error" : "blue"}>
                      {t(`review.findings.kind.${f.kind as Kind}`)}
                    </Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(f.createdAt)}
                    </Typography.Text>
                  </Space>
                  <Typography.Text>{f.text}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
        {error !== null && <ApiErrorAlert error={error} />}
        {!readOnly && (
          <Form
            form={form}
            layout="vertical"
            initialValues={{ kind: "problem" }}
            onFinish={add}
            requiredMark={false}
          >
            <Form.Item name="kind" label={t("review.findings.kind")} style={{ marginBottom: 8 }}>
              <Select
                style={{ width: 200 }}
                options={FINDING_KINDS.map((k) => ({ value: k, label: t(`review.findings.kind.${k}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="text"
              label={t("review.findings.text")}
              rules={[{ required: true, whitespace: true, message: t("review.findings.textRequired") }]}
              style={{ marginBottom: 8 }}
            >
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t("review.findings.add")}
            </Button>
          </Form>
        )}
      </Space>
    </Modal>
  );
}
