/**
 * A unit's explanation in a run (GET /grading-runs/:id/units/:orgId/explanation): the summary, the indicator tree
 * with each leaf's basis, the rater groups, bonus, vetoes and how the grade was decided, then the server's full
 * text in the user's language.
 */
import { Collapse, Descriptions, Drawer, Space, Table, Tag, Typography } from "antd";
import { api, call } from "../../api/client.js";
import type { RankedUnit } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { formatDecimal } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { type ExplainedIndicator, type Explanation, useLeafBasis } from "./explanation.js";

function indicatorTree(indicators: ExplainedIndicator[]) {
  type Node = ExplainedIndicator & { key: string; children?: Node[] };
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const ind of indicators) {
    const node: Node = { ...ind, key: ind.code };
    while (stack.length > 0 && stack.at(-1)!.depth >= ind.depth) stack.pop();
    const parent = stack.at(-1);
    if (parent === undefined) roots.push(node);
    else parent.children = [...(parent.children ?? []), node];
    stack.push(node);
  }
  return roots;
}

function ExplanationBody({ runId, unit }: { runId: string; unit: RankedUnit }) {
  const { t, lang } = useI18n();
  const basis = useLeafBasis();
  const orgId = unit.organisationId ?? "";
  const { data, error, loading, reload } = useApi(
    () =>
      call(
        api.GET("/api/v1/grading-runs/{id}/units/{orgId}/explanation", {
          params: { path: { id: runId, orgId }, query: { lang } },
        }),
      ),
    [runId, orgId, lang],
  );
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;
  const e = data.explanation as Explanation;
  const gradeName = (i: number) => e.gradeNames[i] ?? "";
  const reasoning: string[] = [];
  if (e.pointsGrade !== null)
    reasoning.push(t("grading.rk.pointsGrade", { total: unit.total, grade: e.pointsGrade.name }));
  for (const cap of e.caps)
    reasoning.push(
      t("grading.rk.cap", { by: cap.by.kind === "declared" ? "—" : cap.by.name, grade: cap.grade }),
    );
  for (const s of e.skipped)
    reasoning.push(
      t("grading.rk.skipped", {
        grade: s.grade,
        why: t(s.why === "vetoed" ? "grading.rk.skipped.vetoed" : "grading.rk.skipped.capped"),
      }),
    );
  if (e.reason.kind === "quota")
    reasoning.push(
      t("grading.rk.quotaReason", {
        pool: e.reason.of === null ? t("grading.rk.quotaAll") : `“${gradeName(e.reason.of)}”`,
        count: e.reason.pool,
        share: `${Number(e.reason.share) * 100}%`,
        grade: gradeName(e.reason.grade),
        places: e.reason.count,
        position: e.reason.position,
      }),
    );
  if (e.grade !== null) reasoning.push(t("grading.rk.finalGrade", { grade: e.grade.name }));

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label={t("ranking.total")}>
          <Typography.Text strong>{unit.total}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("ranking.grade")}>
          {e.grade === null ? "—" : <Tag color="blue">{e.grade.name}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t("ranking.rank")}>
          {t("grading.rk.rankLine", { rank: e.rank, count: e.unitCount })}
        </Descriptions.Item>
        <Descriptions.Item label={t("grading.rk.source")}>
          {t(e.source === "self" ? "grading.rk.source.self" : "grading.rk.source.raters")}
        </Descriptions.Item>
        <Descriptions.Item label={t("grading.rk.points")}>
          {formatDecimal(e.points, 2)} / {formatDecimal(e.applicableMax, 2)}
        </Descriptions.Item>
        <Descriptions.Item label={t("ranking.rate")}>{formatDecimal(e.rate, 2)}%</Descriptions.Item>
        {e.rebased && (
          <Descriptions.Item label={t("grading.rk.applicableMax")} span={2}>
            {t("grading.rk.rebased", { base: formatDecimal(e.base, 2) })}
          </Descriptions.Item>
        )}
      </Descriptions>

      {e.raters !== null && (
        <section aria-label={t("grading.rk.raters")}>
          <Typography.Title level={5}>{t("grading.rk.raters")}</Typography.Title>
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={e.raters.groups}
            columns={[
              { title: t("grading.rk.raterGroup"), dataIndex: "name" },
              {
                title: t("grading.rk.weight"),
                dataIndex: "weight",
                width: 70,
                align: "right",
                render: (w: string) => `${Number(w) * 100}%`,
              },
              {
                title: t("grading.rk.raterScores"),
                key: "raters",
                render: (_, g) => (
                  <Space direction="vertical" size={0}>
                    <span>{g.raters.map((r) => formatDecimal(r.total, 2)).join("、")}</span>
                    {g.aggregate !== null && g.aggregate.dropped.length === 2 && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t("grading.rk.dropped", {
                          high: g.aggregate.dropped[1]!,
                          low: g.aggregate.dropped[0]!,
                        })}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t("grading.rk.groupScore"),
                key: "value",
                width: 90,
                align: "right",
                render: (_, g) =>
                  g.aggregate === null ? t("grading.rk.notRated") : formatDecimal(g.aggregate.value, 2),
              },
            ]}
          />
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            {t("grading.rk.combined", { value: formatDecimal(e.raters.combined, 2) })}
          </Typography.Paragraph>
        </section>
      )}

      <section aria-label={t("grading.rk.indicators")}>
        <Typography.Title level={5}>{t("grading.rk.indicators")}</Typography.Title>
        {e.indicators.length === 0 ? (
          <Typography.Text type="secondary">{t("grading.rk.noIndicators")}</Typography.Text>
        ) : (
          <Table
            size="small"
            pagination={false}
            expandable={{ defaultExpandAllRows: true }}
            dataSource={indicatorTree(e.indicators)}
            columns={[
              {
                title: t("grading.rk.indicator"),
                key: "name",
                render: (_, ind) => (
                  <span>
                    <Typography.Text type="secondary">{ind.code}</Typography.Text> {ind.name}
                  </span>
                ),
              },
              {
                title: t("grading.rk.detail"),
                key: "basis",
                render: (_, ind) =>
                  ind.notApplicable ? (
                    <Tag>{t("grading.rk.na")}</Tag>
                  ) : (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {ind.trace === null ? "" : basis(ind.trace)}
                    </Typography.Text>
                  ),
              },
              {
                title: t("grading.rk.weight"),
                dataIndex: "weight",
                width: 60,
                align: "right",
                render: (w: string | null) => w ?? "",
              },
              {
                title: t("grading.rk.score"),
                key: "score",
                width: 96,
                align: "right",
                render: (_, ind) =>
                  ind.notApplicable ? "—" : `${formatDecimal(ind.score, 2)} / ${formatDecimal(ind.max, 2)}`,
              },
            ]}
          />
        )}
      </section>

      <section aria-label={t("grading.rk.bonusItems")}>
        <Typography.Title level={5}>{t("grading.rk.bonusItems")}</Typography.Title>
        {e.bonus.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={e.bonus}
            columns={[
              { title: t("grading.rk.indicator"), key: "name", render: (_, b) => `${b.code} ${b.name}` },
              { title: t("grading.rk.bonusGiven"), dataIndex: "given", width: 70, align: "right" },
              { title: t("grading.rk.bonusMax"), dataIndex: "max", width: 80, align: "right" },
              { title: t("grading.rk.bonusCounted"), dataIndex: "counted", width: 70, align: "right" },
            ]}
          />
        )}
        {e.bonusCap !== null && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            {t("grading.rk.bonusTotalCap", { total: e.bonusTotal, cap: e.bonusCap })}
          </Typography.Paragraph>
        )}
      </section>

      {e.vetoes.length > 0 && (
        <section aria-label={t("ranking.vetoes")}>
          <Typography.Title level={5}>{t("ranking.vetoes")}</Typography.Title>
          <Space direction="vertical" size={4}>
            {e.vetoes.map((v) => (
              <Tag color="error" key={v.code} style={{ whiteSpace: "normal" }}>
                {v.code} {v.name}
              </Tag>
            ))}
          </Space>
        </section>
      )}

      <section aria-label={t("grading.rk.gradeReasoning")}>
        <Typography.Title level={5}>{t("grading.rk.gradeReasoning")}</Typography.Title>
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {reasoning.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </section>

      <Collapse
        size="small"
        items={[
          {
            key: "text",
            label: t("grading.rk.fullText"),
            children: (
              <pre
                style={{
                  whiteSpace: "pre-wrap",
                  fontFamily: "inherit",
                  fontSize: 13,
                  lineHeight: 1.8,
                  margin: 0,
                }}
              >
                {data.text}
              </pre>
            ),
          },
        ]}
      />
    </Space>
  );
}

export function ExplanationDrawer({
  runId,
  unit,
  onClose,
}: {
  runId: string;
  unit: RankedUnit | null;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={unit !== null}
      onClose={onClose}
      size={720}
      title={unit === null ? "" : `${t("ranking.explanation")} · ${unit.name ?? unit.unit}`}
      destroyOnHidden
    >
      {unit !== null && <ExplanationBody runId={runId} unit={unit} />}
    </Drawer>
  );
}
