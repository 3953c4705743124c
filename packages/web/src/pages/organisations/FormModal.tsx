/**
 * A form in a dialog that saves once: 保存/取消, a spinner while sending, and a refusal shown where it belongs —
 * the server's messages at the fields it names, the rest above the form.
 */
import { Form, type FormInstance, Input, Modal, Space } from "antd";
import { type ReactNode, useState } from "react";
import type { ApiError } from "../../api/errors.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { showAtFields } from "./server-errors.js";

interface Props<T> {
  title: string;
  form: FormInstance<T>;
  initialValues?: Partial<T>;
  /** Sends the checked values; throws the server's refusal. */
  send(values: T): Promise<void>;
  onCancel(): void;
  children: ReactNode;
  width?: number;
}

export function FormModal<T extends object>({
  title,
  form,
  initialValues,
  send,
  onCancel,
  children,
  width,
}: Props<T>) {
  const { t } = useI18n();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  async function save(values: T) {
    setSending(true);
    setFailure(null);
    try {
      await send(values);
    } catch (error) {
      setFailure(showAtFields(form, error));
    } finally {
      setSending(false);
    }
  }

  return (
    <Modal
      open
      title={title}
      okText={t("org.form.save")}
      cancelText={t("org.form.cancel")}
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      width={width}
    >
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        {failure !== null && <ApiErrorAlert error={failure} />}
        <Form<T> form={form} layout="vertical" initialValues={initialValues} onFinish={save}>
          {children}
        </Form>
      </Space>
    </Modal>
  );
}

/** The server's rule for new passwords (auth/passwords.ts). */
export const MIN_PASSWORD_LENGTH = 10;

/** A new password, checked for the server's minimum length before sending. */
export function PasswordField({ name, label, extra }: { name: string; label: string; extra?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[
        { required: true, message: t("org.user.passwordRequired") },
        { min: MIN_PASSWORD_LENGTH, message: t("org.user.passwordShort", { min: MIN_PASSWORD_LENGTH }) },
      ]}
    >
      <Input.Password autoComplete="new-password" maxLength={200} />
    </Form.Item>
  );
}
