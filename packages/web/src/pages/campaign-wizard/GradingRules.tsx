/** The scheme's grading rules, read-only: grades best first with their bands or quotas, rounding and tie-breaks. */
import { Card, Descriptions, Table } from "antd";
import { useI18n } from "../../i18n/i18n.js";
import { type GradeRule, gradeRuleText } from "./rules-text.js";
import { rulesOf, type SchemeVersion } from "./wizard-types.js";

export function GradingRules({ scheme }: { scheme: SchemeVersion }) {
  const { t } = useI18n();
  const grading = rulesOf(scheme).grading;
  if (grading === undefined) return null;
  const grades = grading.grades ?? [];
  const name = (code: string) => grades.find((g) => g.code === code)?.name ?? code;
  const tieBreak = (grading.tieBreak ?? []).map((k) =>
    typeof k === "string" ? t(`wizard.rules.tie.${k}` as "wizard.rules.tie.code") : k.indicator,
  );
  return (
    <Card size="small" title={t("wizard.rules.title")} extra={t("wizard.rules.readOnly")}>
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t("wizard.rules.basis")}>
          {t(grading.basis === "rate" ? "wizard.rules.basisRate" : "wizard.rules.basisTotal")}
        </Descriptions.Item>
        <Descriptions.Item label={t("wizard.rules.rounding")}>
          {t(`wizard.rules.rounding.${grading.quotaRounding ?? "halfUp"}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t("wizard.rules.tieBreak")}>
          {tieBreak.length > 0 ? tieBreak.join(" → ") : "—"}
        </Descriptions.Item>
      </Descriptions>
      <Table<GradeRule>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={grades}
        columns={[
          { title: t("wizard.rules.grade"), dataIndex: "name", width: 200 },
          {
            title: t("wizard.rules.rule"),
            key: "rule",
            render: (_, g) => {
              const text = gradeRuleText(g, grading.basis ?? "total", name);
              return t(text.key, text.params);
            },
          },
        ]}
      />
    </Card>
  );
}
