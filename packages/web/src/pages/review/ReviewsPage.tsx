/**
 * 评审任务: the reviewer's assigned units across campaigns, one card per campaign (latest year first), each row
 * linking to its score sheet. A search box and a status switch narrow every card; the tables sort and filter.
 */
import { Alert, Button, Card, Empty, Input, Segmented, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, call } from "../../api/client.js";
import { optional } from "../../api/optional.js";
import type { ReviewItem, SelfEvaluationStatus } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { SelfEvaluationTag } from "../labels.js";
import { useGroupName } from "./group-name.js";

type StatusFilter = "all" | "pending" | "submitted";

export const sheetPath = (r: { campaignId: string; organisationId: string; groupCode: string }) =>
  `/campaigns/${r.campaignId}/units/${r.organisationId}/review/${encodeURIComponent(r.groupCode)}`;

function SheetTag({ item }: { item: ReviewItem }) {
  const { t } = useI18n();
  if (item.submitted) return <Tag color="success">{t("reviews.submitted")}</Tag>;
  return (
    <Space size={4}>
      <Tag color="processing">{t("reviews.pending")}</Tag>
      {item.sheetVersion !== null && <Tag>{t("review.list.saved")}</Tag>}
    </Space>
  );
}

function CampaignReviews({ items, groupNames }: { items: ReviewItem[]; groupNames: Record<string, string> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const groupName = useGroupName(groupNames);
  const groups = [...new Set(items.map((r) => r.groupCode))];
  return (
    <Table<ReviewItem>
      rowKey={(r) => `${r.organisationId}:${r.groupCode}`}
      size="small"
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        {
          title: t("review.list.unitCode"),
          dataIndex: "organisationCode",
          width: 100,
          sorter: (a, b) => a.organisationCode.localeCompare(b.organisationCode),
        },
        {
          title: t("campaign.unit"),
          dataIndex: "organisationName",
          sorter: (a, b) => a.organisationName.localeCompare(b.organisationName, "zh-CN"),
        },
        {
          title: t("reviews.group"),
          dataIndex: "groupCode",
          width: 200,
          filters: groups.length > 1 ? groups.map((g) => ({ text: groupName(g), value: g })) : undefined,
          onFilter: (value, r) => r.groupCode === value,
          render: (code: string) => groupName(code),
        },
        {
          title: t("review.list.selfStatus"),
          dataIndex: "selfEvaluationStatus",
          width: 120,
          render: (status: string | null) => (
            <SelfEvaluationTag status={status as SelfEvaluationStatus | null} />
          ),
        },
        {
          title: t("review.list.sheetStatus"),
          key: "sheet",
          width: 160,
          sorter: (a, b) => Number(a.submitted) - Number(b.submitted),
          render: (_, r) => <SheetTag item={r} />,
        },
        {
          title: "",
          key: "open",
          width: 90,
          align: "right",
          render: (_, r) => (
            <Button
              size="small"
              type={r.submitted ? "default" : "primary"}
              onClick={() => navigate(sheetPath(r))}
            >
              {r.submitted ? t("review.list.view") : t("review.list.open")}
            </Button>
          ),
        },
      ]}
    />
  );
}

export default function ReviewsPage() {
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<StatusFilter>("all");
  const { data, error, loading, reload } = useApi(async () => {
    const page = await call(api.GET("/api/v1/reviews", { params: { query: { limit: 500 } } }));
    const ids = [...new Set(page.items.map((r) => r.campaignId))];
    // The rater groups' names come with each campaign (a campaign one may not read keeps the codes).
    const campaigns = await Promise.all(
      ids.map((id) => optional(call(api.GET("/api/v1/campaigns/{id}", { params: { path: { id } } })))),
    );
    const groupNames: Record<string, Record<string, string>> = {};
    ids.forEach((id, i) => {
      groupNames[id] = Object.fromEntries((campaigns[i]?.raterGroups ?? []).map((g) => [g.code, g.name]));
    });
    return { items: page.items, groupNames };
  }, []);

  const byCampaign = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const out = new Map<string, { name: string; year: number; items: ReviewItem[] }>();
    for (const item of data?.items ?? []) {
      if (status === "pending" && item.submitted) continue;
      if (status === "submitted" && !item.submitted) continue;
      if (
        needle !== "" &&
        !`${item.organisationCode} ${item.organisationName}`.toLowerCase().includes(needle)
      )
        continue;
      const entry = out.get(item.campaignId) ?? { name: item.campaignName, year: item.year, items: [] };
      entry.items.push(item);
      out.set(item.campaignId, entry);
    }
    // Those still to score first, then by unit code.
    for (const entry of out.values())
      entry.items.sort(
        (a, b) =>
          Number(a.submitted) - Number(b.submitted) || a.organisationCode.localeCompare(b.organisationCode),
      );
    return [...out.entries()].sort(
      ([, a], [, b]) => b.year - a.year || a.name.localeCompare(b.name, "zh-CN"),
    );
  }, [data, search, status]);

  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;
  const pending = data.items.filter((r) => !r.submitted).length;

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={t("reviews.title")}>
        <Space direction="vertical" size={12} style={{ width: "100%" }}>
          <Typography.Text type="secondary">
            {t("review.list.intro")} {t("review.list.counts", { total: data.items.length, pending })}
          </Typography.Text>
          <Space wrap>
            <Input.Search
              allowClear
              aria-label={t("review.list.search")}
              placeholder={t("review.list.search")}
              style={{ width: 280 }}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <Segmented<StatusFilter>
              aria-label={t("review.list.sheetStatus")}
              value={status}
              onChange={setStatus}
              options={[
                { label: t("review.list.all"), value: "all" },
                { label: t("reviews.pending"), value: "pending" },
                { label: t("reviews.submitted"), value: "submitted" },
              ]}
            />
          </Space>
        </Space>
      </Card>
      {data.items.length === 0 && (
        <Card size="small">
          <Empty description={t("review.list.empty")} />
        </Card>
      )}
      {data.items.length > 0 && byCampaign.length === 0 && (
        <Alert type="info" showIcon title={t("workspace.empty")} />
      )}
      {byCampaign.map(([id, c]) => (
        <Card
          key={id}
          size="small"
          title={<Link to={`/campaigns/${id}`}>{c.name}</Link>}
          extra={
            <Typography.Text type="secondary">
              {t("review.list.counts", {
                total: c.items.length,
                pending: c.items.filter((r) => !r.submitted).length,
              })}
            </Typography.Text>
          }
        >
          <CampaignReviews items={c.items} groupNames={data.groupNames[id] ?? {}} />
        </Card>
      ))}
    </Space>
  );
}
