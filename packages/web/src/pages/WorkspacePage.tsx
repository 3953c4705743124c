/** 工作台: the to-do list of the user's roles, overdue first, with deadlines. */
import { Card, Col, Empty, Row, Statistic, Table, Tag, Typography } from "antd";
import { Link } from "react-router";
import { useApi } from "../api/use-api.js";
import { mainRole } from "../auth/roles.js";
import { useSignedIn } from "../auth/session.js";
import { daysUntil, formatDateTime } from "../format.js";
import { useI18n } from "../i18n/i18n.js";
import { ApiErrorAlert } from "../layout/ApiErrorAlert.js";
import { loadWorkspace, type Task } from "../workspace/tasks.js";

function DeadlineTag({ task }: { task: Task }) {
  const { t } = useI18n();
  if (task.overdue) return <Tag color="error">{t("workspace.overdue")}</Tag>;
  if (task.deadline === null) return <Tag>{t("workspace.noDeadline")}</Tag>;
  const days = daysUntil(task.deadline);
  if (days <= 0) return <Tag color="warning">{t("workspace.dueToday")}</Tag>;
  return <Tag color={days <= 3 ? "warning" : "blue"}>{t("workspace.dueIn", { days })}</Tag>;
}

export default function WorkspacePage() {
  const session = useSignedIn();
  const { t } = useI18n();
  const { data, error, loading, reload } = useApi(loadWorkspace, [session]);
  const tasks = data?.tasks ?? [];

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t("workspace.hello", { name: session.user.displayName })}
        <Typography.Text type="secondary" style={{ fontSize: 14, marginInlineStart: 12, fontWeight: 400 }}>
          {t(`role.${mainRole(session)}`)}
        </Typography.Text>
      </Typography.Title>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic title={t("workspace.statTasks")} value={tasks.length} loading={loading} />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic
              title={t("workspace.statOverdue")}
              value={data?.overdue ?? 0}
              loading={loading}
              styles={{ content: { color: "#cf1322" } }}
            />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic
              title={t("workspace.statCampaigns")}
              value={data?.runningCampaigns ?? 0}
              loading={loading}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t("workspace.title")} size="small">
        {error !== undefined ? (
          <ApiErrorAlert error={error} onRetry={reload} />
        ) : (
          <Table<Task>
            rowKey="key"
            size="middle"
            loading={loading}
            dataSource={tasks}
            pagination={tasks.length > 20 ? { pageSize: 20 } : false}
            locale={{ emptyText: <Empty description={t("workspace.empty")} /> }}
            rowClassName={(task) => (task.overdue ? "kaoping-row-overdue" : "")}
            columns={[
              {
                title: t("workspace.task"),
                key: "title",
                render: (_, task) => (
                  <>
                    <Link to={task.link}>{task.title}</Link>
                    {task.detail !== null && (
                      <div>
                        <Typography.Text type="secondary">{task.detail}</Typography.Text>
                      </div>
                    )}
                  </>
                ),
              },
              { title: t("workspace.campaign"), dataIndex: "campaignName", key: "campaign" },
              {
                title: t("workspace.deadline"),
                dataIndex: "deadline",
                key: "deadline",
                width: 170,
                render: (deadline: string | null) => formatDateTime(deadline),
              },
              {
                title: t("workspace.status"),
                key: "status",
                width: 120,
                render: (_, task) => <DeadlineTag task={task} />,
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
