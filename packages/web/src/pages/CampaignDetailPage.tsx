/**
 * A campaign: its stages with deadlines and the current one; for organisers the units' progress (status, late);
 * its grading runs, each leading to the ranking.
 */
import { Button, Card, Descriptions, Space, Steps, Table, Tag, Typography } from "antd";
import { Link, useNavigate, useParams } from "react-router";
import { api, call } from "../api/client.js";
import { ApiError } from "../api/errors.js";
import type { Campaign, GradingRunSummary, ProgressUnit } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/i18n.js";
import { ApiErrorAlert } from "../layout/ApiErrorAlert.js";
import { PageSpinner } from "../layout/PageSpinner.js";
import { CampaignStatusTag, SelfEvaluationTag } from "./labels.js";

/** The part of a campaign only some roles may read: null when the server refuses it (403). */
async function optional<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}

function stageState(stage: Campaign["stages"][number]): "current" | "closed" | "pending" {
  if (stage.openedAt !== null && stage.closedAt === null) return "current";
  return stage.closedAt !== null ? "closed" : "pending";
}

export default function CampaignDetailPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useApi(async () => {
    const path = { id };
    const [campaign, progress, runs] = await Promise.all([
      call(api.GET("/api/v1/campaigns/{id}", { params: { path } })),
      optional(call(api.GET("/api/v1/campaigns/{id}/progress", { params: { path, query: { limit: 500 } } }))),
      optional(
        call(api.GET("/api/v1/campaigns/{id}/grading-runs", { params: { path, query: { limit: 100 } } })),
      ),
    ]);
    return { campaign, progress, runs };
  }, [id]);

  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;
  const { campaign, progress, runs } = data;
  const stages = [...campaign.stages].sort((a, b) => a.position - b.position);
  const current = stages.findIndex((s) => stageState(s) === "current");
  const lateByStage = new Map(progress?.stages.map((s) => [s.stage, s.late.length]) ?? []);

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space>
            <Button
              type="link"
              size="small"
              style={{ paddingInline: 0 }}
              onClick={() => navigate("/campaigns")}
            >
              {t("app.back")}
            </Button>
            <span>{campaign.name}</span>
            <CampaignStatusTag status={campaign.status} />
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t("campaign.year")}>{campaign.year}</Descriptions.Item>
          <Descriptions.Item label={t("campaign.organiser")}>{campaign.organiserName}</Descriptions.Item>
          <Descriptions.Item label={t("campaign.scheme")}>
            {campaign.schemeName} {campaign.schemeVersionLabel}
          </Descriptions.Item>
          <Descriptions.Item label={t("campaign.units")}>{campaign.unitCount}</Descriptions.Item>
          <Descriptions.Item label={t("campaign.currentStage")}>
            {current >= 0 ? stages[current]!.name : "—"}
          </Descriptions.Item>
        </Descriptions>
        <Steps
          size="small"
          style={{ marginTop: 16 }}
          current={current >= 0 ? current : stages.filter((s) => s.closedAt !== null).length}
          items={stages.map((s) => ({
            title: s.name,
            content: formatDateTime(s.deadline).slice(0, 10),
            status: stageState(s) === "current" ? "process" : stageState(s) === "closed" ? "finish" : "wait",
          }))}
        />
      </Card>

      <Card size="small" title={t("campaign.stages")}>
        <Table
          rowKey="stage"
          size="small"
          pagination={false}
          dataSource={stages}
          columns={[
            { title: t("campaign.stage"), dataIndex: "name" },
            {
              title: t("campaign.startsAt"),
              dataIndex: "startsAt",
              render: (v: string | null) => formatDateTime(v),
            },
            {
              title: t("campaign.deadline"),
              dataIndex: "deadline",
              render: (v: string | null) => formatDateTime(v),
            },
            {
              title: t("campaign.stageState"),
              key: "state",
              render: (_, s) => {
                const state = stageState(s);
                const late = lateByStage.get(s.stage) ?? 0;
                return (
                  <Space size={4}>
                    <Tag
                      color={state === "current" ? "processing" : state === "closed" ? "default" : undefined}
                    >
                      {t(`campaign.stage.${state}`)}
                    </Tag>
                    {late > 0 && <Tag color="error">{t("campaign.lateUnits", { count: late })}</Tag>}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>

      {progress !== null && (
        <Card size="small" title={t("campaign.progress")}>
          <Table<ProgressUnit>
            rowKey="organisationId"
            size="small"
            dataSource={progress.units.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            rowClassName={(u) => (u.late ? "kaoping-row-overdue" : "")}
            columns={[
              {
                title: t("campaign.unit"),
                dataIndex: "name",
                sorter: (a, b) => a.code.localeCompare(b.code),
              },
              {
                title: t("campaign.category"),
                dataIndex: "category",
                render: (v: string | null) => v ?? "—",
              },
              {
                title: t("campaign.selfEvaluation"),
                key: "self",
                render: (_, u) => <SelfEvaluationTag status={u.selfEvaluation?.status ?? null} />,
                filters: (["draft", "submitted", "returned", "accepted"] as const).map((s) => ({
                  text: t(`selfEvaluation.${s}`),
                  value: s,
                })),
                onFilter: (value, u) => u.selfEvaluation?.status === value,
              },
              {
                title: t("campaign.submittedAt"),
                key: "submittedAt",
                render: (_, u) => formatDateTime(u.selfEvaluation?.submittedAt),
              },
              {
                title: t("campaign.late"),
                dataIndex: "late",
                width: 90,
                sorter: (a, b) => Number(a.late) - Number(b.late),
                render: (late: boolean) =>
                  late ? <Tag color="error">{t("campaign.lateYes")}</Tag> : <Tag>{t("campaign.lateNo")}</Tag>,
              },
            ]}
          />
        </Card>
      )}

      {runs !== null && (
        <Card size="small" title={t("campaign.gradingRuns")}>
          <Table<GradingRunSummary>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={runs.items}
            locale={{ emptyText: t("campaign.noRuns") }}
            columns={[
              {
                title: "#",
                dataIndex: "number",
                width: 200,
                render: (n: number, run) => (
                  <Link to={`/grading-runs/${run.id}`}>{t("campaign.run", { number: n })}</Link>
                ),
              },
              {
                title: t("ranking.createdAt"),
                dataIndex: "createdAt",
                render: (v: string) => formatDateTime(v),
              },
              { title: t("campaign.units"), dataIndex: "unitCount", width: 110, align: "right" },
              {
                title: t("ranking.reason"),
                dataIndex: "reason",
                render: (v: string | null) => <Typography.Text type="secondary">{v ?? "—"}</Typography.Text>,
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
