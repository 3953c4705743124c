/** 评审任务: the reviewer's score sheets across campaigns. */
import { Card, Table, Tag } from "antd";
import { Link } from "react-router";
import { api, call } from "../api/client.js";
import type { ReviewItem } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { useI18n } from "../i18n/i18n.js";
import { ApiErrorAlert } from "../layout/ApiErrorAlert.js";

export default function ReviewsPage() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useApi(
    () => call(api.GET("/api/v1/reviews", { params: { query: { limit: 500 } } })),
    [],
  );
  return (
    <Card title={t("reviews.title")} size="small">
      {error !== undefined ? (
        <ApiErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table<ReviewItem>
          rowKey={(r) => `${r.campaignId}:${r.organisationId}:${r.groupCode}`}
          size="middle"
          loading={loading}
          dataSource={data?.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t("campaign.unit"), dataIndex: "organisationName" },
            {
              title: t("workspace.campaign"),
              dataIndex: "campaignName",
              render: (name: string, r) => <Link to={`/campaigns/${r.campaignId}`}>{name}</Link>,
            },
            { title: t("reviews.group"), dataIndex: "groupCode", width: 120 },
            {
              title: t("workspace.status"),
              dataIndex: "submitted",
              width: 110,
              filters: [
                { text: t("reviews.pending"), value: false },
                { text: t("reviews.submitted"), value: true },
              ],
              onFilter: (value, r) => r.submitted === value,
              render: (submitted: boolean) =>
                submitted ? (
                  <Tag color="success">{t("reviews.submitted")}</Tag>
                ) : (
                  <Tag color="processing">{t("reviews.pending")}</Tag>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
