/**
 * The bell in the top bar: the unread reminders' count (looked at again every minute), and a drawer listing the
 * latest reminders, each leading to where the thing is done (and marked read on the way), with "mark all read".
 */
import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Drawer, List, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { api, call } from "../api/client.js";
import { useApi } from "../api/use-api.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/i18n.js";
import { zh } from "../i18n/messages/reminders.js";
import { ApiErrorAlert } from "./ApiErrorAlert.js";

const SHOWN = 30;
const REFRESH_MS = 60_000;
const TAG_COLOURS = { approaching: "gold", missed: "red", escalated: "volcano", digest: "blue" } as const;

/** The server writes the kind into the title ("逾期督办：…", also the mail's subject); the tag already says it. */
const withoutKind = (title: string, reminder: keyof typeof TAG_COLOURS): string => {
  const prefix = `${zh[`reminders.kind.${reminder}`]}：`;
  return title.startsWith(prefix) ? title.slice(prefix.length) : title;
};

export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const list = useApi(
    () => call(api.GET("/api/v1/me/notifications", { params: { query: { limit: SHOWN } } })),
    [open],
  );
  const { reload } = list;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const unread = list.data?.unread ?? 0;

  const follow = async (id: string, link: string, read: boolean) => {
    if (!read) await call(api.POST("/api/v1/me/notifications/{id}/read", { params: { path: { id } } }));
    setOpen(false);
    navigate(link);
  };

  return (
    <>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button
          size="small"
          ghost
          icon={<BellOutlined />}
          aria-label={t("reminders.bellCount", { count: unread })}
          data-testid="reminder-bell"
          onClick={() => setOpen(true)}
        >
          {t("reminders.bell")}
        </Button>
      </Badge>
      <Drawer
        title={t("reminders.title")}
        open={open}
        onClose={() => setOpen(false)}
        size="large"
        extra={
          <Button
            size="small"
            disabled={unread === 0}
            onClick={() => call(api.POST("/api/v1/me/notifications/read-all")).then(reload)}
          >
            {t("reminders.markAll")}
          </Button>
        }
      >
        {list.error !== undefined && <ApiErrorAlert error={list.error} />}
        <List
          loading={list.loading && list.data === undefined}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t("reminders.none") }}
          footer={
            (list.data?.total ?? 0) > SHOWN ? (
              <Typography.Text type="secondary">
                {t("reminders.more", { shown: SHOWN, total: list.data?.total ?? 0 })}
              </Typography.Text>
            ) : null
          }
          renderItem={(n) => (
            <List.Item
              key={n.id}
              style={{ cursor: "pointer", opacity: n.readAt === null ? 1 : 0.6 }}
              onClick={() => void follow(n.id, n.link, n.readAt !== null)}
            >
              <List.Item.Meta
                title={
                  <span style={{ fontWeight: n.readAt === null ? 600 : 400 }}>
                    <Tag color={TAG_COLOURS[n.reminder]}>{t(`reminders.kind.${n.reminder}`)}</Tag>
                    {withoutKind(n.title, n.reminder)}
                  </span>
                }
                description={
                  <>
                    <Typography.Paragraph style={{ whiteSpace: "pre-line", marginBottom: 4 }}>
                      {n.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
}
