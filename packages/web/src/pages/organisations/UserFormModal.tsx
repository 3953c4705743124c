/** Creating an account at an organisation with one role there (more roles are granted by an administrator). */
import { Form, Input, Select } from "antd";
import { api, call } from "../../api/client.js";
import type { Role } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { FormModal, PasswordField } from "./FormModal.js";
import type { Organisation } from "./organisation-tree.js";

interface UserForm {
  username: string;
  displayName: string;
  password: string;
  email?: string;
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

  return (
    <FormModal<UserForm>
      title={t("org.user.createTitle", { name: organisation.name })}
      form={form}
      initialValues={{ role: "unit_staff" }}
      onCancel={onCancel}
      send={async (values) => {
        await call(
          api.POST("/api/v1/users", {
            body: {
              username: values.username,
              displayName: values.displayName,
              password: values.password,
              email: values.email?.trim() ? values.email.trim() : null,
              organisationId: organisation.id,
              grants: [{ role: values.role, organisationId: organisation.id }],
            },
          }),
        );
        onDone();
      }}
    >
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
      <PasswordField name="password" label={t("org.user.password")} />
      <Form.Item
        name="email"
        label={t("org.user.email")}
        extra={t("org.user.emailHint")}
        rules={[{ type: "email", message: t("org.user.emailInvalid") }, { max: 254 }]}
      >
        <Input type="email" autoComplete="off" maxLength={254} />
      </Form.Item>
      <Form.Item name="role" label={t("org.user.role")} rules={[{ required: true }]}>
        <Select options={GRANTABLE.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
