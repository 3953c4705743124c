/**
 * 调查结果 of one survey: per unit the sample size, links issued, valid responses and the valid-response rate
 * (flagged below the minimum or short of the sample), quotas, the key question's satisfaction rate and mean, and
 * the linked indicator's score; a unit opens to its groups.
 */
import { Space, Table, Tag, Typography } from "antd";
import { api, call } from "../../api/client.js";
import { loadAll } from "../../api/load-all.js";
import type { ResponseOf } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";

type UnitResult = ResponseOf<"/api/v1/surveys/{id}/results", "get">["items"][number];
type QuestionResult = UnitResult["questions"][number];

const rate = (value: string | null) => (value === null ? "—" : `${value}%`);

export function SurveyResults({
  surveyId,
  keyQuestion,
  version,
}: {
  surveyId: string;
  keyQuestion: string | null;
  version: number;
}) {
  const { t } = useI18n();
  const loaded = useApi(
    () =>
      loadAll((offset) =>
        call(
          api.GET("/api/v1/surveys/{id}/results", {
            params: { path: { id: surveyId }, query: { limit: 500, offset } },
          }),
        ),
      ),
    [surveyId, version],
  );
  if (loaded.error !== undefined) return <ApiErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <PageSpinner />;
  const key = (questions: QuestionResult[]) => questions.find((q) => q.code === keyQuestion) ?? questions[0];

  return (
    <Table<UnitResult>
      size="small"
      rowKey="organisationId"
      dataSource={loaded.data}
      pagination={loaded.data.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      expandable={{
        expandedRowRender: (unit) => (
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={unit.groups}
            columns={[
              { title: t("surveys.group"), dataIndex: "name" },
              { title: t("surveys.issuedCount"), dataIndex: "issued" },
              { title: t("surveys.responses"), dataIndex: "responses" },
              { title: t("surveys.share"), render: (_, g) => rate(g.share) },
              { title: t("surveys.minShare"), render: (_, g) => `${g.minShare}%` },
              {
                title: t("surveys.quotas"),
                render: (_, g) => (
                  <Tag color={g.quotaMet ? "green" : "red"}>
                    {g.quotaMet ? t("surveys.quotaMet") : t("surveys.quotaMissed")}
                  </Tag>
                ),
              },
              { title: t("surveys.rate"), render: (_, g) => rate(key(g.questions)?.rate ?? null) },
              { title: t("surveys.mean"), render: (_, g) => key(g.questions)?.mean ?? "—" },
            ]}
          />
        ),
      }}
      columns={[
        { title: t("surveys.unit"), render: (_, u) => `${u.code} ${u.name}` },
        { title: t("surveys.population"), render: (_, u) => u.population ?? "—" },
        { title: t("surveys.sampleSize"), dataIndex: "sampleSize" },
        { title: t("surveys.issuedCount"), dataIndex: "issued" },
        {
          title: t("surveys.responses"),
          render: (_, u) => (
            <Space size={4}>
              {u.responses}
              {u.belowSampleSize && <Tag color="orange">{t("surveys.belowSample")}</Tag>}
            </Space>
          ),
        },
        {
          title: t("surveys.validRate"),
          render: (_, u) => (
            <Space size={4}>
              {rate(u.validRate)}
              {u.belowMinRate && <Tag color="red">{t("surveys.belowMinRate")}</Tag>}
            </Space>
          ),
        },
        {
          title: t("surveys.quotas"),
          render: (_, u) => (
            <Tag color={u.quotasMet ? "green" : "red"}>
              {u.quotasMet ? t("surveys.quotaMet") : t("surveys.quotaMissed")}
            </Tag>
          ),
        },
        {
          title: t("surveys.rate"),
          render: (_, u) => <span data-testid="survey-rate">{rate(key(u.questions)?.rate ?? null)}</span>,
        },
        {
          title: t("surveys.mean"),
          render: (_, u) => <span data-testid="survey-mean">{key(u.questions)?.mean ?? "—"}</span>,
        },
        {
          title: t("surveys.indicator"),
          render: (_, u) =>
            u.indicator === null ? (
              "—"
            ) : u.indicator.score.ok ? (
              <span data-testid="survey-indicator">
                {t("surveys.indicatorScore", { score: u.indicator.score.score, max: u.indicator.score.max })}
              </span>
            ) : (
              <Typography.Text type="secondary" title={u.indicator.score.problem}>
                {t("surveys.indicatorNotScored")}
              </Typography.Text>
            ),
        },
      ]}
    />
  );
}
