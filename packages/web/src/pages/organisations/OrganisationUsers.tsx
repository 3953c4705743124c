/** The people of one organisation (belonging to it or holding a role there), their roles, and enabling them. */
import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Popconfirm, Space, Table, Tag } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import { optional } from "../../api/optional.js";
import type { ResponseOf } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { useSignedIn } from "../../auth/session.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import type { Organisation } from "./organisation-tree.js";
import ResetPasswordModal from "./ResetPasswordModal.js";
import UserFormModal from "./UserFormModal.js";

type User = ResponseOf<"/api/v1/users/{id}", "get">;

export default function OrganisationUsers({
  organisation,
  manageable,
}: {
  organisation: Organisation;
  /** Whether the user may create and disable accounts here (organises it). */
  manageable: boolean;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const self = useSignedIn().user.id;
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { data, error, loading, reload } = useApi(
    () =>
      optional(
        call(
          api.GET("/api/v1/users", { params: { query: { organisationId: organisation.id, limit: 500 } } }),
        ),
      ),
    [organisation.id],
  );

  async function setDisabled(user: User, disabled: boolean) {
    setBusy(user.id);
    try {
      await call(
        api.PATCH("/api/v1/users/{id}", {
          params: { path: { id: user.id } },
          body: { version: user.version, disabled },
        }),
      );
      message.success(
        disabled
          ? t("org.user.disabledDone", { name: user.displayName })
          : t("org.user.enabledDone", { name: user.displayName }),
      );
      reload();
    } catch (failure) {
      message.error(failure instanceof ApiError ? failure.messageIn(lang) : String(failure));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card
      size="small"
      title={t("org.users.title", { count: data?.total ?? 0 })}
      extra={
        manageable && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("org.user.create")}
          </Button>
        )
      }
    >
      {error !== undefined ? (
        <ApiErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table<User>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: data === null ? t("org.users.hidden") : t("org.users.none") }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            {
              title: t("org.user.displayName"),
              dataIndex: "displayName",
              sorter: (a, b) => a.displayName.localeCompare(b.displayName, "zh-CN"),
            },
            {
              title: t("org.user.username"),
              dataIndex: "username",
              sorter: (a, b) => a.username.localeCompare(b.username),
            },
            {
              title: t("org.user.rolesHere"),
              key: "roles",
              render: (_, u) => {
                const here = u.grants.filter((g) => g.organisationId === organisation.id);
                return here.length === 0 ? (
                  <Tag>{t("org.user.member")}</Tag>
                ) : (
                  here.map((g) => (
                    <Tag key={g.role} color="blue">
                      {t(`role.${g.role}`)}
                    </Tag>
                  ))
                );
              },
            },
            {
              title: t("org.user.state"),
              dataIndex: "disabled",
              width: 90,
              filters: [
                { text: t("org.user.active"), value: false },
                { text: t("org.user.disabled"), value: true },
              ],
              onFilter: (value, u) => u.disabled === value,
              render: (disabled: boolean) =>
                disabled ? (
                  <Tag color="default">{t("org.user.disabled")}</Tag>
                ) : (
                  <Tag color="green">{t("org.user.active")}</Tag>
                ),
            },
            ...(manageable
              ? [
                  {
                    title: t("org.actions"),
                    key: "actions",
                    width: 150,
                    // Nobody disables their own account here: it would end the session mid-work.
                    render: (_: unknown, u: User) =>
                      u.id === self ? null : (
                        <Space size={0}>
                          <Button size="small" type="link" onClick={() => setResetting(u)}>
                            {t("org.user.reset")}
                          </Button>
                          {u.disabled ? (
                            <Button
                              size="small"
                              type="link"
                              loading={busy === u.id}
                              onClick={() => setDisabled(u, false)}
                            >
                              {t("org.user.enable")}
                            </Button>
                          ) : (
                            <Popconfirm
                              title={t("org.user.disableConfirm", { name: u.displayName })}
                              okText={t("org.user.disable")}
                              cancelText={t("org.form.cancel")}
                              onConfirm={() => setDisabled(u, true)}
                            >
                              <Button size="small" type="link" danger loading={busy === u.id}>
                                {t("org.user.disable")}
                              </Button>
                            </Popconfirm>
                          )}
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {resetting !== null && (
        <ResetPasswordModal
          user={resetting}
          onCancel={() => setResetting(null)}
          onDone={() => {
            message.success(t("org.user.resetDone", { name: resetting.displayName }));
            setResetting(null);
            reload();
          }}
        />
      )}
      {creating && (
        <UserFormModal
          organisation={organisation}
          onCancel={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            message.success(t("org.user.created"));
            reload();
          }}
        />
      )}
    </Card>
  );
}
