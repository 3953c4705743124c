/**
 * A grading run's ranking (/grading-runs/:id): the grade counts, filters (grade, category, group, veto, search),
 * the virtualised ranking sortable by every column, and a drawer explaining any unit's score. The whole ranking is
 * read page by page so that sorting and filtering work over every unit.
 */
import { FileExcelOutlined } from "@ant-design/icons";
import { Alert, Card, Input, Select, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { api, call } from "../../api/client.js";
import { optional } from "../../api/optional.js";
import type { GradingRun, RankedUnit } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { DownloadButton } from "../documents/DownloadButton.js";
import { links } from "../documents/links.js";
import { ExplanationDrawer } from "./ExplanationDrawer.js";
import { runReason } from "./grading-data.js";
import { RankingTable } from "./RankingTable.js";
import {
  distinct,
  filterUnits,
  gradeCounts,
  NO_FILTER,
  type RankingFilter,
  schemeGrading,
  vetoNames,
} from "./ranking.js";

/** The API's largest page. */
const PAGE = 500;

async function loadRanking(id: string): Promise<{ run: GradingRun["run"]; items: RankedUnit[] }> {
  const first = await call(
    api.GET("/api/v1/grading-runs/{id}", { params: { path: { id }, query: { limit: PAGE } } }),
  );
  const items = [...first.items];
  while (items.length < first.total) {
    const next = await call(
      api.GET("/api/v1/grading-runs/{id}", {
        params: { path: { id }, query: { limit: PAGE, offset: items.length } },
      }),
    );
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { run: first.run, items };
}

async function loadPage(id: string) {
  const { run, items } = await loadRanking(id);
  const campaign = await optional(
    call(api.GET("/api/v1/campaigns/{id}", { params: { path: { id: run.campaignId } } })),
  );
  const version = await optional(
    call(api.GET("/api/v1/scheme-versions/{id}", { params: { path: { id: run.schemeVersionId } } })),
  );
  return { run, items, campaign, version };
}

/** One of the ranking's filters: a searchable choice, cleared back to null. */
function FilterSelect({
  label,
  width,
  value,
  onChange,
  options,
}: {
  label: string;
  width: number;
  value: string | null;
  onChange(value: string | null): void;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <Select
      aria-label={label}
      placeholder={label}
      allowClear
      showSearch
      optionFilterProp="label"
      style={{ width }}
      popupMatchSelectWidth={false}
      value={value}
      onChange={(v) => onChange(v ?? null)}
      options={options}
    />
  );
}

export default function GradingRunPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const [filter, setFilter] = useState<RankingFilter>(NO_FILTER);
  const [open, setOpen] = useState<RankedUnit | null>(null);
  const { data, error, loading, reload } = useApi(() => loadPage(id), [id]);

  const grading = useMemo(() => schemeGrading(data?.version?.definition), [data]);
  const names = useMemo(() => vetoNames(data?.version?.vetoes), [data]);
  const categoryNames = useMemo(
    () =>
      new Map((data?.campaign?.categories ?? data?.version?.categories ?? []).map((c) => [c.code, c.name])),
    [data],
  );
  const rows = useMemo(() => filterUnits(data?.items ?? [], filter, names), [data, filter, names]);

  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;
  const { run, items, campaign } = data;
  const counts = gradeCounts(items, grading.grades);
  const groups = distinct(items.map((u) => u.group));
  const categories = distinct(items.map((u) => u.category));
  const vetoes = distinct(items.flatMap((u) => u.vetoes));
  const set = (patch: Partial<RankingFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const height = Math.max(320, window.innerHeight - 440);

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space wrap>
            <span>{t("ranking.title")}</span>
            <Typography.Text type="secondary">
              {t("campaign.run", { number: run.number })} · {formatDateTime(run.createdAt)}
            </Typography.Text>
            {run.objectionId !== null && <Tag color="orange">{t("grading.byObjection")}</Tag>}
          </Space>
        }
        extra={
          <Space>
            <DownloadButton
              url={links.ranking(run.id)}
              fileName={`ranking-${run.number}.xlsx`}
              icon={<FileExcelOutlined />}
            >
              {t("documents.rankingXlsx")}
            </DownloadButton>
            {campaign !== null && (
              <Link to={`/campaigns/${campaign.id}?tab=grading`}>{t("grading.rk.backToCampaign")}</Link>
            )}
          </Space>
        }
      >
        <Space direction="vertical" size={12} style={{ width: "100%" }}>
          {campaign !== null && (
            <Typography.Text>
              {campaign.name} · {campaign.schemeName} {campaign.schemeVersionLabel}
            </Typography.Text>
          )}
          {run.reason !== null && (
            <Alert
              type={run.objectionId === null ? "info" : "warning"}
              showIcon
              title={runReason(run, t("grading.byObjection"))}
            />
          )}
          <section
            aria-label={t("grading.rk.gradeCounts")}
            style={{ display: "flex", gap: 12, flexWrap: "wrap" }}
          >
            {counts.map((c) => (
              <button
                type="button"
                key={c.code ?? "none"}
                aria-pressed={filter.grade === (c.code ?? "none")}
                onClick={() =>
                  set({ grade: filter.grade === (c.code ?? "none") ? null : (c.code ?? "none") })
                }
                className="kp-grade-count"
                style={{
                  minWidth: 120,
                  padding: "8px 16px",
                  textAlign: "left",
                  cursor: "pointer",
                  background: filter.grade === (c.code ?? "none") ? "#e6f4ff" : "#fafafa",
                  border: `1px solid ${filter.grade === (c.code ?? "none") ? "#1677ff" : "#f0f0f0"}`,
                  borderRadius: 6,
                }}
              >
                <div style={{ color: "rgba(0,0,0,0.55)", fontSize: 12 }}>
                  {c.code === null ? t("grading.rk.noGrade") : c.name}
                </div>
                <div style={{ fontSize: 22, fontWeight: 600 }}>{c.count}</div>
              </button>
            ))}
          </section>
        </Space>
      </Card>

      <Card
        size="small"
        title={t("grading.rk.shown", { shown: rows.length, total: items.length })}
        extra={
          <Space wrap>
            <FilterSelect
              label={t("grading.rk.filterGrade")}
              width={140}
              value={filter.grade}
              onChange={(grade) => set({ grade })}
              options={counts.map((c) => ({
                value: c.code ?? "none",
                label: c.code === null ? t("grading.rk.noGrade") : c.name,
              }))}
            />
            {categories.length > 1 && (
              <FilterSelect
                label={t("grading.rk.filterCategory")}
                width={130}
                value={filter.category}
                onChange={(category) => set({ category })}
                options={categories.map((c) => ({ value: c, label: categoryNames.get(c) ?? c }))}
              />
            )}
            {groups.length > 0 && (
              <FilterSelect
                label={t("grading.rk.filterGroup")}
                width={130}
                value={filter.group}
                onChange={(group) => set({ group })}
                options={groups.map((g) => ({ value: g, label: g }))}
              />
            )}
            <FilterSelect
              label={t("grading.rk.filterVeto")}
              width={200}
              value={filter.veto}
              onChange={(veto) => set({ veto })}
              options={[
                { value: "any", label: t("grading.rk.vetoAny") },
                { value: "none", label: t("grading.rk.vetoNone") },
                ...vetoes.map((v) => ({ value: v, label: names.get(v) ?? v })),
              ]}
            />
            <Input.Search
              allowClear
              aria-label={t("ranking.search")}
              placeholder={t("ranking.search")}
              onChange={(e) => set({ search: e.target.value })}
              style={{ width: 200 }}
            />
          </Space>
        }
      >
        <RankingTable
          rows={rows}
          grading={grading}
          vetoNames={names}
          categoryNames={categoryNames}
          showGroups={groups.length > 0}
          showBonus={(data.version?.bonus?.items.length ?? 0) > 0}
          height={height}
          onOpen={setOpen}
        />
      </Card>
      <ExplanationDrawer runId={id} unit={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
