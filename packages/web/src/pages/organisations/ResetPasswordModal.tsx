/** 重置密码: an organiser sets a new password for someone who forgot theirs (the old one stops working at once). */
import { Form } from "antd";
import { api, call } from "../../api/client.js";
import type { ResponseOf } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { FormModal, PasswordField } from "./FormModal.js";

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
  return (
    <FormModal
      title={t("org.user.resetTitle", { name: user.displayName })}
      form={form}
      onCancel={onCancel}
      send={async ({ newPassword }) => {
        await call(
          api.PATCH("/api/v1/users/{id}", {
            params: { path: { id: user.id } },
            body: { version: user.version, newPassword },
          }),
        );
        onDone();
      }}
    >
      <PasswordField name="newPassword" label={t("org.user.newPassword")} extra={t("org.user.resetHint")} />
    </FormModal>
  );
}
