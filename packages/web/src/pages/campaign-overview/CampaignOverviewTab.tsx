/**
 * The campaign page's overview tab (组织方的进度看板): progress per stage with a bar each, the units' counts by
 * self-evaluation status, the submissions waiting for 初审 with 受理 / 退回, and every unit's progress with the
 * late ones highlighted and filterable. Those who only view the campaign see the stages.
 */
import {
  App,
  Button,
  Card,
  Col,
  Input,
  Popconfirm,
  Progress,
  Row,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api, call } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import { optional } from "../../api/optional.js";
import type { ProgressUnit } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import type { CampaignTabProps } from "../campaign-tab.js";
import { SelfEvaluationTag } from "../labels.js";
import { ReturnModal } from "./ReturnModal.js";
import { stageFigure, stagePercent } from "./stage-progress.js";

const STATUSES = ["notStarted", "draft", "submitted", "returned", "accepted"] as const;
const DECIDING_STAGES = new Set(["self_evaluation", "preliminary"]);

export default function CampaignOverviewTab({
  campaign,
  organiser,
}: CampaignTabProps & { organiser: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [returning, setReturning] = useState<ProgressUnit | null>(null);
  const [lateOnly, setLateOnly] = useState(false);
  const [search, setSearch] = useState("");
  const { data, error, loading, reload } = useApi(async () => {
    const path = { id: campaign.id };
    const [progress, overview] = await Promise.all([
      optional(call(api.GET("/api/v1/campaigns/{id}/progress", { params: { path, query: { limit: 500 } } }))),
      optional(call(api.GET("/api/v1/campaigns/{id}/overview", { params: { path } }))),
    ]);
    return { progress, overview };
  }, [campaign.id, campaign.version]);

  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading && data === undefined) return <PageSpinner />;
  const progress = data?.progress ?? null;
  const overview = data?.overview ?? null;
  const stages = [...campaign.stages].sort((a, b) => a.position - b.position);
  const lateByStage = new Map(progress?.stages.map((s) => [s.stage, s.late.length]) ?? []);
  const units = progress?.units.items ?? [];
  const canDecide =
    organiser && campaign.status === "running" && DECIDING_STAGES.has(campaign.currentStage ?? "");
  const waiting = units.filter((u) => u.selfEvaluation?.status === "submitted");
  const categoryName = (code: string | null) =>
    campaign.categories.find((c) => c.code === code)?.name ?? code ?? "—";
  const needle = search.trim().toLowerCase();
  const shown = units.filter(
    (u) => (!lateOnly || u.late) && (needle === "" || `${u.code} ${u.name}`.toLowerCase().includes(needle)),
  );

  const accept = async (unit: ProgressUnit) => {
    try {
      const path = { campaignId: campaign.id, organisationId: unit.organisationId };
      const current = await call(
        api.GET("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}", { params: { path } }),
      );
      await call(
        api.POST("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}/accept", {
          params: { path },
          body: { version: current.version },
        }),
      );
      message.success(t("progress.accepted", { unit: unit.name }));
      reload();
    } catch (cause) {
      message.error(cause instanceof ApiError ? cause.messageIn(lang) : t("error.unexpected"));
    }
  };

  const unitLink = (u: ProgressUnit) => (
    <Link to={`/campaigns/${campaign.id}/self-evaluations/${u.organisationId}`}>
      {u.name}
      <Typography.Text type="secondary"> {u.code}</Typography.Text>
    </Link>
  );

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={t("progress.byStage")}>
        <Table
          rowKey="stage"
          size="small"
          pagination={false}
          dataSource={stages}
          columns={[
            { title: t("campaign.stage"), dataIndex: "name", width: 140 },
            {
              title: t("campaign.startsAt"),
              dataIndex: "startsAt",
              width: 150,
              render: (v: string | null) => formatDateTime(v),
            },
            {
              title: t("campaign.deadline"),
              dataIndex: "deadline",
              width: 150,
              render: (v: string | null) => formatDateTime(v),
            },
            {
              title: t("campaign.stageState"),
              key: "state",
              width: 180,
              render: (_, s) => {
                const late = lateByStage.get(s.stage) ?? 0;
                const state = s.closedAt !== null ? "closed" : s.openedAt !== null ? "current" : "pending";
                return (
                  <Space size={4} wrap>
                    <Tag color={state === "current" ? "processing" : undefined}>
                      {t(`campaign.stage.${state}`)}
                    </Tag>
                    {late > 0 && <Tag color="error">{t("campaign.lateUnits", { count: late })}</Tag>}
                  </Space>
                );
              },
            },
            {
              title: t("progress.completion"),
              key: "progress",
              render: (_, s) => {
                const figure = overview === null ? null : stageFigure(s.stage, overview);
                const percent = stagePercent(figure, s.closedAt !== null);
                if (percent === null) return <Typography.Text type="secondary">—</Typography.Text>;
                return (
                  <Space size={8} style={{ width: "100%" }}>
                    <Progress
                      percent={percent}
                      size="small"
                      style={{ width: 200, marginBottom: 0 }}
                      status={s.openedAt !== null && s.closedAt === null ? "active" : "normal"}
                      aria-label={t("progress.stageBar", { stage: s.name })}
                    />
                    {figure !== null && (
                      <Typography.Text type="secondary">
                        {figure.done}/{figure.of}
                      </Typography.Text>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>

      {progress !== null && (
        <Row gutter={12}>
          <Col flex="1">
            <Card size="small">
              <Statistic title={t("progress.units")} value={progress.counts.units ?? 0} />
            </Card>
          </Col>
          {STATUSES.map((s) => (
            <Col flex="1" key={s}>
              <Card size="small">
                <Statistic title={t(`progress.status.${s}`)} value={progress.counts[s] ?? 0} />
              </Card>
            </Col>
          ))}
          <Col flex="1">
            <Card size="small">
              <Statistic
                title={t("progress.late")}
                value={progress.counts.late ?? 0}
                styles={{ content: { color: (progress.counts.late ?? 0) > 0 ? "#cf1322" : undefined } }}
              />
            </Card>
          </Col>
        </Row>
      )}

      {progress !== null && organiser && (
        <Card size="small" title={t("progress.waiting", { count: waiting.length })}>
          {!canDecide && waiting.length > 0 && (
            <Typography.Paragraph type="secondary">{t("progress.decideStages")}</Typography.Paragraph>
          )}
          <Table<ProgressUnit>
            rowKey="organisationId"
            size="small"
            dataSource={waiting}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t("progress.noneWaiting") }}
            columns={[
              { title: t("campaign.unit"), key: "unit", render: (_, u) => unitLink(u) },
              { title: t("campaign.category"), dataIndex: "category", width: 200, render: categoryName },
              {
                title: t("campaign.submittedAt"),
                key: "submittedAt",
                width: 160,
                render: (_, u) => formatDateTime(u.selfEvaluation?.submittedAt),
                sorter: (a, b) =>
                  (a.selfEvaluation?.submittedAt ?? "").localeCompare(b.selfEvaluation?.submittedAt ?? ""),
              },
              {
                title: t("progress.submissions"),
                key: "submissions",
                width: 100,
                align: "right",
                render: (_, u) => u.selfEvaluation?.submissions ?? 0,
              },
              {
                title: t("progress.actions"),
                key: "actions",
                width: 170,
                render: (_, u) => (
                  <Space size={4}>
                    <Popconfirm
                      title={t("progress.acceptConfirm", { unit: u.name })}
                      okText={t("progress.accept")}
                      cancelText={t("wizard.cancel")}
                      onConfirm={() => accept(u)}
                      disabled={!canDecide}
                    >
                      <Button
                        size="small"
                        type="primary"
                        disabled={!canDecide}
                        aria-label={t("progress.acceptUnit", { unit: u.name })}
                      >
                        {t("progress.accept")}
                      </Button>
                    </Popconfirm>
                    <Button
                      size="small"
                      danger
                      disabled={!canDecide}
                      aria-label={t("progress.returnUnit", { unit: u.name })}
                      onClick={() => setReturning(u)}
                    >
                      {t("progress.return")}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}

      {progress !== null && (
        <Card
          size="small"
          title={t("progress.byUnit")}
          extra={
            <Space size={16}>
              <Input.Search
                allowClear
                size="small"
                style={{ width: 220 }}
                placeholder={t("progress.search")}
                aria-label={t("progress.search")}
                onChange={(e) => setSearch(e.target.value)}
              />
              <Space size={6}>
                <Switch
                  size="small"
                  checked={lateOnly}
                  onChange={setLateOnly}
                  aria-label={t("progress.lateOnly")}
                />
                <span>{t("progress.lateOnly")}</span>
              </Space>
            </Space>
          }
        >
          <Table<ProgressUnit>
            rowKey="organisationId"
            size="small"
            dataSource={shown}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            rowClassName={(u) => (u.late ? "kaoping-row-overdue" : "")}
            columns={[
              {
                title: t("campaign.unit"),
                key: "unit",
                sorter: (a, b) => a.code.localeCompare(b.code),
                defaultSortOrder: "ascend",
                render: (_, u) => unitLink(u),
              },
              {
                title: t("campaign.category"),
                dataIndex: "category",
                width: 200,
                render: categoryName,
                filters: campaign.categories.map((c) => ({ text: c.name, value: c.code })),
                onFilter: (value, u) => u.category === value,
              },
              {
                title: t("campaign.selfEvaluation"),
                key: "self",
                width: 110,
                render: (_, u) => <SelfEvaluationTag status={u.selfEvaluation?.status ?? null} />,
                filters: STATUSES.map((s) => ({ text: t(`progress.status.${s}`), value: s })),
                onFilter: (value, u) => (u.selfEvaluation?.status ?? "notStarted") === value,
              },
              {
                title: t("campaign.submittedAt"),
                key: "submittedAt",
                width: 160,
                sorter: (a, b) =>
                  (a.selfEvaluation?.submittedAt ?? "").localeCompare(b.selfEvaluation?.submittedAt ?? ""),
                render: (_, u) => formatDateTime(u.selfEvaluation?.submittedAt),
              },
              {
                title: t("progress.returnedReason"),
                key: "reason",
                ellipsis: true,
                render: (_, u) => u.selfEvaluation?.returnedReason ?? "—",
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

      <ReturnModal
        campaignId={campaign.id}
        unit={returning}
        onClose={() => setReturning(null)}
        onDone={() => {
          message.success(t("progress.returned", { unit: returning?.name ?? "" }));
          setReturning(null);
          reload();
        }}
      />
    </Space>
  );
}
