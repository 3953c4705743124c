/** 重置密码: an organiser sets a new password for someone who forgot theirs (the old one stops working at once). */
import { Form, Input, Modal, Space } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import type { ApiError } from "../../api/errors.js";
import type { ResponseOf } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { showAtFields } from "./server-errors.js";
import { MIN_PASSWORD_LENGTH } from "./UserFormModal.js";

type User = ResponseOf<"/api/v1/users/{id}", "get">;

export default function ResetPasswordModal({
  user,
  onDone,
  onCancel,
}: {
  user: User;
  onDone(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ newPassword: string }>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  async function save({ newPassword }: { newPassword: string }) {
    setSending(true);
    setFailure(null);
    try {
      await call(
        api.PATCH("/api/v1/users/{id}", {
          params: { path: { id: user.id } },
          body: { version: user.version, newPassword },
        }),
      );
      onDone();
    } catch (error) {
      setFailure(showAtFields(form, error));
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal
      open
      title={t("org.user.resetTitle", { name: user.displayName })}
      okText={t("org.form.save")}
      cancelText={t("org.form.cancel")}
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        {failure !== null && <ApiErrorAlert error={failure} />}
        <Form<{ newPassword: string }> form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="newPassword"
            label={t("org.user.newPassword")}
            extra={t("org.user.resetHint")}
            rules={[
              { required: true, message: t("org.user.passwordRequired") },
              {
                min: MIN_PASSWORD_LENGTH,
                message: t("org.user.passwordShort", { min: MIN_PASSWORD_LENGTH }),
              },
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
