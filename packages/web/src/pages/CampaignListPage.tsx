/** 考评活动: the campaigns the user can see; organisers start a new one (the wizard) from here. */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Table, Typography } from "antd";
import { Link, useNavigate } from "react-router";
import { api, call } from "../api/client.js";
import type { CampaignSummary } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { kindOf } from "../auth/roles.js";
import { useSignedIn } from "../auth/session.js";
import { useI18n } from "../i18n/i18n.js";
import { ApiErrorAlert } from "../layout/ApiErrorAlert.js";
import { CampaignStatusTag } from "./labels.js";

export default function CampaignListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const organiser = useSignedIn().user.grants.some((g) => kindOf(g.role) === "organiser");
  const { data, error, loading, reload } = useApi(
    () => call(api.GET("/api/v1/campaigns", { params: { query: { limit: 500 } } })),
    [],
  );
  return (
    <Card
      title={t("campaign.list")}
      size="small"
      extra={
        organiser && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/campaigns/new")}>
            {t("wizard.newCampaign")}
          </Button>
        )
      }
    >
      {error !== undefined ? (
        <ApiErrorAlert error={error} onRetry={reload} />
      ) : (
        <Table<CampaignSummary>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: t("campaign.name"),
              dataIndex: "name",
              render: (name: string, c) => <Link to={`/campaigns/${c.id}`}>{name}</Link>,
            },
            {
              title: t("campaign.year"),
              dataIndex: "year",
              width: 90,
              sorter: (a, b) => a.year - b.year,
              defaultSortOrder: "descend",
            },
            { title: t("campaign.organiser"), dataIndex: "organiserName" },
            {
              title: t("campaign.scheme"),
              key: "scheme",
              render: (_, c) => (
                <Typography.Text>
                  {c.schemeName} <Typography.Text type="secondary">{c.schemeVersionLabel}</Typography.Text>
                </Typography.Text>
              ),
            },
            { title: t("campaign.units"), dataIndex: "unitCount", width: 110, align: "right" },
            {
              title: t("campaign.status"),
              dataIndex: "status",
              width: 100,
              filters: (["draft", "running", "published"] as const).map((s) => ({
                text: t(`campaign.status.${s}`),
                value: s,
              })),
              onFilter: (value, c) => c.status === value,
              render: (status: CampaignSummary["status"]) => <CampaignStatusTag status={status} />,
            },
          ]}
        />
      )}
    </Card>
  );
}
