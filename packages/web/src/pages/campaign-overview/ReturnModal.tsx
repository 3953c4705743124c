/** 退回: the organiser returns a submitted self-evaluation with a required reason the unit will read. */
import { Form, Input, Modal } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { ApiError, networkError } from "../../api/errors.js";
import { useI18n } from "../../i18n/i18n.js";

export function ReturnModal({
  campaignId,
  unit,
  onClose,
  onDone,
}: {
  campaignId: string;
  unit: { organisationId: string; name: string } | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (unit === null) return;
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const path = { campaignId, organisationId: unit.organisationId };
      const current = await call(
        api.GET("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}", { params: { path } }),
      );
      await call(
        api.POST("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}/return", {
          params: { path },
          body: { version: current.version, reason },
        }),
      );
      form.resetFields();
      onDone();
    } catch (cause) {
      const error = cause instanceof ApiError ? cause : networkError(cause);
      const field = error.fieldErrors().reason;
      form.setFields([{ name: "reason", errors: field ?? [error.messageIn(lang)] }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={unit !== null}
      title={t("progress.returnTitle", { unit: unit?.name ?? "" })}
      okText={t("progress.returnOk")}
      cancelText={t("wizard.cancel")}
      okButtonProps={{ danger: true, loading: saving }}
      onOk={submit}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t("progress.returnReason")}
          extra={t("progress.returnHint")}
          rules={[
            { required: true, whitespace: true, message: t("progress.returnReasonRequired") },
            { max: 2000 },
          ]}
        >
          <Input.TextArea rows={4} showCount maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
