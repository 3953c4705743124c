/**
 * A grading run's figures: the summary, the distribution of totals in score bands, the grade counts and the first
 * or last ten of the ranking (with a link to the full ranking).
 */
import { Card, Col, Row, Segmented, Space, Statistic } from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import type { RankedUnit } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { ChartCard } from "./ChartCard.js";
import type { RunDashboard } from "./dashboard-api.js";
import { gradeCounts, gradesOption } from "./grades.js";
import { histogramOption, scoreBands } from "./histogram.js";
import { type RankingEnd, rankingOption, rankingSlice } from "./ranking.js";

const RANKING_SIZE = 10;

function Summary({ figures }: { figures: RunDashboard }) {
  const { t } = useI18n();
  const totals = figures.totals;
  const stats = [
    { key: "units", title: t("dashboard.summary.units"), value: String(figures.units) },
    { key: "mean", title: t("dashboard.summary.mean"), value: totals?.mean ?? "—" },
    { key: "median", title: t("dashboard.summary.median"), value: totals?.median ?? "—" },
    { key: "max", title: t("dashboard.summary.max"), value: totals?.max ?? "—" },
    { key: "min", title: t("dashboard.summary.min"), value: totals?.min ?? "—" },
  ];
  return (
    <Row gutter={16}>
      {stats.map((s) => (
        <Col key={s.key} flex="1 1 0">
          <Card size="small">
            <Statistic title={s.title} value={s.value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Distribution({ figures }: { figures: RunDashboard }) {
  const { t } = useI18n();
  const bands = useMemo(() => scoreBands(figures.histogram), [figures]);
  const option = useMemo(() => histogramOption(bands, t), [bands, t]);
  return (
    <ChartCard
      title={t("dashboard.histogram.title")}
      description={t("dashboard.histogram.description", {
        units: figures.units,
        bands: bands.map((b) => t("dashboard.histogram.band", { band: b.label, count: b.count })).join("，"),
      })}
      option={option}
      empty={figures.units === 0}
      data={{
        columns: [
          { title: t("dashboard.histogram.axis"), dataIndex: "label" },
          { title: t("dashboard.units"), dataIndex: "count", align: "right" },
          { title: t("dashboard.share"), dataIndex: "share", align: "right", render: (v: string) => `${v}%` },
        ],
        rows: bands,
      }}
      footer={<div style={{ color: "#8c8c8c", fontSize: 12 }}>{t("dashboard.histogram.note")}</div>}
    />
  );
}

function Grades({ figures }: { figures: RunDashboard }) {
  const { t } = useI18n();
  const grades = useMemo(() => gradeCounts(figures.grades), [figures]);
  const option = useMemo(() => gradesOption(grades, t), [grades, t]);
  return (
    <ChartCard
      title={t("dashboard.grades.title")}
      description={t("dashboard.grades.description", {
        grades: grades.map((g) => t("dashboard.grades.label", { name: g.name, count: g.count })).join("，"),
      })}
      option={option}
      empty={grades.length === 0 || figures.units === 0}
      data={{
        columns: [
          { title: t("dashboard.grades.grade"), dataIndex: "name" },
          { title: t("dashboard.units"), dataIndex: "count", align: "right" },
        ],
        rows: grades,
      }}
    />
  );
}

function Ranking({ runId, units }: { runId: string; units: RankedUnit[] }) {
  const { t } = useI18n();
  const [end, setEnd] = useState<RankingEnd>("top");
  const bars = useMemo(() => rankingSlice(units, end, RANKING_SIZE), [units, end]);
  const option = useMemo(() => rankingOption(bars, t), [bars, t]);
  const title = t(end === "top" ? "dashboard.ranking.top" : "dashboard.ranking.bottom", {
    count: bars.length,
  });
  return (
    <ChartCard
      title={title}
      description={t("dashboard.ranking.description", {
        units: bars
          .map((b) => t("dashboard.ranking.item", { rank: b.rank, name: b.name, total: b.total }))
          .join("，"),
      })}
      option={option}
      height={Math.max(240, bars.length * 32 + 40)}
      empty={units.length === 0}
      extra={
        <>
          <Segmented<RankingEnd>
            size="small"
            value={end}
            onChange={setEnd}
            aria-label={t("dashboard.ranking.end")}
            options={[
              { value: "top", label: t("dashboard.ranking.topTab", { count: RANKING_SIZE }) },
              { value: "bottom", label: t("dashboard.ranking.bottomTab", { count: RANKING_SIZE }) },
            ]}
          />
          <Link to={`/grading-runs/${runId}`}>{t("dashboard.ranking.full")}</Link>
        </>
      }
      data={{
        columns: [
          { title: t("ranking.rank"), dataIndex: "rank", width: 72 },
          { title: t("ranking.unit"), dataIndex: "name" },
          { title: t("ranking.total"), dataIndex: "total", align: "right" },
          { title: t("ranking.grade"), dataIndex: "gradeName", render: (v: string | null) => v ?? "—" },
        ],
        rows: bars,
      }}
    />
  );
}

export function RunFigures({ figures, units }: { figures: RunDashboard; units: RankedUnit[] }) {
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Summary figures={figures} />
      <Row gutter={[16, 16]}>
        <Col span={12}>
          <Distribution figures={figures} />
        </Col>
        <Col span={12}>
          <Grades figures={figures} />
        </Col>
        <Col span={24}>
          <Ranking runId={figures.runId} units={units} />
        </Col>
      </Row>
    </Space>
  );
}
