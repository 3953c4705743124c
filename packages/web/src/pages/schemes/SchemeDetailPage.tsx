/**
 * A scheme (`/schemes/:id`, the scheme's id) and one of its versions (`?version=`, the latest by default): the
 * indicator tree with maxima, methods and their rules, bonus, vetoes, grading, rater groups and the text.
 */
import { Card, Descriptions, Select, Space, Tabs, Tag } from "antd";
import { useParams, useSearchParams } from "react-router";
import { api, call } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { BackLink } from "../../layout/BackLink.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import IndicatorTree from "./IndicatorTree.js";
import { BonusTable, GradingRules, RaterGroups, VetoTable } from "./SchemeRuleTables.js";
import SourceView from "./SourceView.js";
import { definitionOf } from "./scheme-types.js";

const NO_LINES: ReadonlySet<number> = new Set();

export default function SchemeDetailPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const wanted = search.get("version");
  const tab = search.get("tab") ?? "indicators";
  const { data, error, loading, reload } = useApi(async () => {
    const scheme = await call(api.GET("/api/v1/schemes/{id}", { params: { path: { id } } }));
    const latest = scheme.versions.at(-1);
    const versionId = scheme.versions.some((v) => v.id === wanted) ? wanted : latest?.id;
    const version =
      versionId === undefined || versionId === null
        ? null
        : await call(api.GET("/api/v1/scheme-versions/{id}", { params: { path: { id: versionId } } }));
    return { scheme, version };
  }, [id, wanted]);

  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;
  const { scheme, version } = data;
  const definition = version === null ? null : definitionOf(version);
  const choose = (next: Record<string, string>) =>
    setSearch({ ...Object.fromEntries(search), ...next }, { replace: true });

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space>
            <BackLink to={"/schemes"} />
            <span>{scheme.name}</span>
            {version?.frozen === true && <Tag color="gold">{t("scheme.frozen")}</Tag>}
          </Space>
        }
        extra={
          <Select
            aria-label={t("scheme.version")}
            style={{ width: 220 }}
            value={version?.id}
            onChange={(v) => choose({ version: v })}
            options={[...scheme.versions].reverse().map((v) => ({
              value: v.id,
              label: t("scheme.versionOption", {
                label: v.label,
                at: formatDateTime(v.createdAt).slice(0, 10),
              }),
            }))}
          />
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t("scheme.code")}>{scheme.code}</Descriptions.Item>
          <Descriptions.Item label={t("scheme.owner")}>{scheme.ownerName}</Descriptions.Item>
          {definition !== null && (
            <Descriptions.Item label={t("scheme.issuer")}>{definition.issuer}</Descriptions.Item>
          )}
          {definition?.kind !== undefined && (
            <Descriptions.Item label={t("scheme.kind")}>{definition.kind}</Descriptions.Item>
          )}
          {version !== null && (
            <>
              <Descriptions.Item label={t("scheme.version")}>{version.label}</Descriptions.Item>
              <Descriptions.Item label={t("scheme.max")}>{version.max}</Descriptions.Item>
              <Descriptions.Item label={t("scheme.categories")}>
                {version.categories.length === 0
                  ? "—"
                  : version.categories.map((c) => <Tag key={c.code}>{c.name}</Tag>)}
              </Descriptions.Item>
              <Descriptions.Item label={t("scheme.importedAt")}>
                {formatDateTime(version.createdAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t("scheme.format")}>{version.format.toUpperCase()}</Descriptions.Item>
            </>
          )}
        </Descriptions>
        {definition?.description !== undefined && (
          <div style={{ color: "rgba(0,0,0,0.65)", marginTop: 8 }}>{definition.description}</div>
        )}
      </Card>
      {version !== null && (
        <Tabs
          activeKey={tab}
          onChange={(key) => choose({ tab: key })}
          items={[
            {
              key: "indicators",
              label: t("scheme.tab.indicators"),
              children: <IndicatorTree version={version} />,
            },
            {
              key: "vetoes",
              label: t("scheme.tab.vetoes", { count: version.vetoes.length }),
              children: (
                <Card size="small">
                  <VetoTable version={version} />
                </Card>
              ),
            },
            {
              key: "bonus",
              label: t("scheme.tab.bonus", { count: version.bonus?.items.length ?? 0 }),
              children: (
                <Card size="small">
                  <BonusTable version={version} />
                </Card>
              ),
            },
            {
              key: "grading",
              label: t("scheme.tab.grading"),
              children: (
                <Card size="small">
                  <GradingRules version={version} />
                </Card>
              ),
            },
            {
              key: "raters",
              label: t("scheme.tab.raters"),
              children: (
                <Card size="small">
                  <RaterGroups version={version} />
                </Card>
              ),
            },
            {
              key: "source",
              label: t("scheme.tab.source"),
              children: (
                <Card size="small">
                  <SourceView source={version.source} marked={NO_LINES} label={t("scheme.tab.source")} />
                </Card>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}
