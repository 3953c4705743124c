/** A scheme version's rules beside its indicators: bonus items (加分), vetoes (一票否决), grading (定级), rater groups. */
import { Descriptions, Empty, Space, Table, Tag, Typography } from "antd";
import type { MessageKey } from "../../i18n/dictionary.js";
import { useI18n } from "../../i18n/i18n.js";
import { percent, plain } from "./scheme-rules.js";
import { definitionOf, type Grade, type SchemeVersion } from "./scheme-types.js";

type Veto = SchemeVersion["vetoes"][number];

const gradeNames = (version: SchemeVersion) =>
  new Map((definitionOf(version).grading?.grades ?? []).map((g) => [g.code, g.name]));

export function BonusTable({ version }: { version: SchemeVersion }) {
  const { t } = useI18n();
  const bonus = version.bonus;
  const guidance = new Map((definitionOf(version).bonus?.items ?? []).map((b) => [b.code, b.guidance]));
  if (bonus === null) return <Empty description={t("scheme.bonus.none")} />;
  return (
    <Space direction="vertical" size={8} style={{ width: "100%" }}>
      {bonus.cap !== null && <Typography.Text>{t("scheme.bonus.cap", { cap: bonus.cap })}</Typography.Text>}
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={bonus.items}
        columns={[
          { title: t("scheme.rule.code"), dataIndex: "code", width: 90 },
          { title: t("scheme.bonus.name"), dataIndex: "name", width: 260 },
          { title: t("scheme.bonus.max"), dataIndex: "max", width: 100, align: "right" },
          {
            title: t("scheme.indicator.guidance"),
            key: "guidance",
            render: (_, b) => guidance.get(b.code) ?? "—",
          },
        ]}
      />
    </Space>
  );
}

const EFFECTS = ["capGrade", "excludeFromQuota", "zero", "fail"] as const;

export function VetoTable({ version }: { version: SchemeVersion }) {
  const { t } = useI18n();
  const grades = gradeNames(version);
  if (version.vetoes.length === 0) return <Empty description={t("scheme.veto.none")} />;
  const effect = (v: Veto) => {
    if (!(EFFECTS as readonly string[]).includes(v.effect)) return v.effect;
    const grade = v.grade === null ? "" : (grades.get(v.grade) ?? v.grade);
    return t(`scheme.veto.effect.${v.effect}` as MessageKey, { grade });
  };
  return (
    <Table<Veto>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={version.vetoes}
      columns={[
        { title: t("scheme.rule.code"), dataIndex: "code", width: 80 },
        { title: t("scheme.veto.name"), dataIndex: "name" },
        {
          title: t("scheme.veto.when"),
          dataIndex: "when",
          width: 280,
          render: (when: string) => <Typography.Text code>{when}</Typography.Text>,
        },
        {
          title: t("scheme.veto.effect"),
          key: "effect",
          width: 200,
          render: (_, v) => <Tag color="red">{effect(v)}</Tag>,
        },
      ]}
    />
  );
}

export function GradingRules({ version }: { version: SchemeVersion }) {
  const { t } = useI18n();
  const grading = definitionOf(version).grading;
  if (grading === undefined) return <Empty description={t("scheme.grading.none")} />;
  const names = gradeNames(version);
  const rule = (g: Grade) => {
    if (g.quota !== undefined) {
      const pool =
        g.quota.of === undefined ? t("scheme.grading.allUnits") : (names.get(g.quota.of) ?? g.quota.of);
      const key = g.quota.from === "bottom" ? "scheme.grading.quotaBottom" : "scheme.grading.quotaTop";
      const quota = t(key, { share: percent(g.quota.share), pool });
      return g.min === undefined ? quota : `${t("scheme.grading.min", { min: plain(g.min) })}，${quota}`;
    }
    return g.min === undefined
      ? t("scheme.grading.fallback")
      : t("scheme.grading.min", { min: plain(g.min) });
  };
  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t("scheme.grading.basis")}>
          {grading.basis === "rate" ? t("scheme.grading.basisRate") : t("scheme.grading.basisTotal")}
        </Descriptions.Item>
        {grading.groupBy !== undefined && (
          <Descriptions.Item label={t("scheme.grading.groupBy")}>
            {grading.groupBy === "category" ? t("scheme.grading.byCategory") : grading.groupBy.field}
          </Descriptions.Item>
        )}
        {grading.declared !== undefined && (
          <Descriptions.Item label={t("scheme.grading.declared")}>
            {grading.declared.failBelow === true
              ? t("scheme.grading.declaredFail")
              : t("scheme.grading.declaredCap")}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table<Grade>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={grading.grades}
        columns={[
          { title: t("scheme.rule.code"), dataIndex: "code", width: 90 },
          { title: t("scheme.grading.grade"), dataIndex: "name", width: 220 },
          { title: t("scheme.grading.rule"), key: "rule", render: (_, g) => rule(g) },
        ]}
      />
      {(grading.levelCaps?.length ?? 0) > 0 && (
        <Descriptions size="small" column={1} title={t("scheme.grading.levelCaps")}>
          {grading.levelCaps?.map((c) => (
            <Descriptions.Item key={c.code} label={c.code}>
              {c.name}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {(grading.history?.length ?? 0) > 0 && (
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          title={() => t("scheme.grading.history")}
          dataSource={grading.history}
          columns={[
            { title: t("scheme.rule.code"), dataIndex: "code", width: 90 },
            { title: t("scheme.grading.historyName"), dataIndex: "name" },
            { title: t("scheme.grading.outcome"), dataIndex: "outcome" },
          ]}
        />
      )}
    </Space>
  );
}

export function RaterGroups({ version }: { version: SchemeVersion }) {
  const { t } = useI18n();
  const raters = version.raters;
  if (raters === null) return <Empty description={t("scheme.raters.none")} />;
  return (
    <Space direction="vertical" size={8} style={{ width: "100%" }}>
      <Typography.Text>
        {raters.scope === "leaf" ? t("scheme.raters.scopeLeaf") : t("scheme.raters.scopeTotal")}
      </Typography.Text>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={raters.groups}
        columns={[
          { title: t("scheme.rule.code"), dataIndex: "code", width: 90 },
          { title: t("scheme.raters.group"), dataIndex: "name" },
          {
            title: t("scheme.raters.weight"),
            dataIndex: "weight",
            width: 100,
            align: "right",
            render: (w: string) => percent(w),
          },
        ]}
      />
    </Space>
  );
}
