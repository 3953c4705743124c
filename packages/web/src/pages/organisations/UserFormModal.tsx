/** Creating an account at an organisation with one role there (more roles are granted by an administrator). */
import { Form, Input, Modal, Select, Space } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import type { ApiError } from "../../api/errors.js";
import type { Role } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import type { Organisation } from "./organisation-tree.js";
import { showAtFields } from "./server-errors.js";

interface UserForm {
  username: string;
  displayName: string;
  password: string;
  role: Exclude<Role, "admin">;
}

const GRANTABLE: UserForm["role"][] = [
  "unit_head",
  "unit_staff",
  "department_staff",
  "reviewer",
  "viewer",
  "organiser",
];

/** The server's rule for new passwords (auth/passwords.ts). */
export const MIN_PASSWORD_LENGTH = 10;

export default function UserFormModal({
  organisation,
  onDone,
  onCancel,
}: {
  organisation: Organisation;
  onDone(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<UserForm>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  async function save(values: UserForm) {
    setSending(true);
    setFailure(null);
    try {
      await call(
        api.POST("/api/v1/users", {
          body: {
            username: values.username,
            displayName: values.displayName,
            password: values.password,
            organisationId: organisation.id,
            grants: [{ role: values.role, organisationId: organisation.id }],
          },
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
      title={t("org.user.createTitle", { name: organisation.name })}
      okText={t("org.form.save")}
      cancelText={t("org.form.cancel")}
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        {failure !== null && <ApiErrorAlert error={failure} />}
        <Form<UserForm> form={form} layout="vertical" initialValues={{ role: "unit_staff" }} onFinish={save}>
          <Form.Item
            name="username"
            label={t("org.user.username")}
            extra={t("org.user.usernameHint")}
            rules={[
              { required: true, message: t("org.user.usernameRequired") },
              { pattern: /^[A-Za-z0-9_.-]{3,40}$/, message: t("org.user.usernamePattern") },
            ]}
          >
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t("org.user.displayName")}
            rules={[
              { required: true, whitespace: true, message: t("org.user.displayNameRequired") },
              { max: 100 },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("org.user.password")}
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
          <Form.Item name="role" label={t("org.user.role")} rules={[{ required: true }]}>
            <Select options={GRANTABLE.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
