/**
 * Step 4, 评分组与规则: the members of each of the scheme's rater groups (people holding reviewer, organiser or
 * viewer roles), the groups' weights and how each group's scores are combined, and the grading rules — both
 * fixed by the scheme, shown read-only.
 */
import { CheckCircleFilled, WarningFilled } from "@ant-design/icons";
import { Alert, Card, Form, Select, Space, Table, Tag, Typography } from "antd";
import { api, call } from "../../api/client.js";
import { loadAll } from "../../api/load-all.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { GradingRules } from "./GradingRules.js";
import { aggregationText, percent } from "./rules-text.js";
import { StepActions, StepFailure, useStepSave } from "./step-frame.js";
import { weightSum } from "./wizard-model.js";
import { type Campaign, rulesOf, type SchemeVersion, type User } from "./wizard-types.js";

const RATER_ROLES = new Set(["admin", "reviewer", "organiser", "viewer"]);

interface Values {
  groups: Record<string, string[]>;
}

export function RatersStep({
  campaign,
  scheme,
  onSaved,
  onBack,
}: {
  campaign: Campaign;
  scheme: SchemeVersion;
  onSaved(c: Campaign): void;
  onBack(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const groups = scheme.raters?.groups ?? [];
  const rules = rulesOf(scheme).raters;
  const everyGroupNeeded = (rules?.missingGroup ?? "fail") === "fail";
  const { saving, failure, run } = useStepSave(form, (segments) =>
    segments[0] === "groups" && typeof segments[1] === "string" ? ["groups", segments[1]] : null,
  );
  const users = useApi(
    async () =>
      groups.length === 0
        ? []
        : (
            await loadAll((offset) =>
              call(api.GET("/api/v1/users", { params: { query: { limit: 500, offset } } })),
            )
          ).filter((u: User) => !u.disabled && u.grants.some((g) => RATER_ROLES.has(g.role))),
    [groups.length],
  );
  const sum = weightSum(groups.map((g) => g.weight));

  const next = async () => {
    if (groups.length === 0) {
      onSaved(campaign);
      return;
    }
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      const body = Object.fromEntries(groups.map((g) => [g.code, values.groups?.[g.code] ?? []]));
      onSaved(
        await call(
          api.PUT("/api/v1/campaigns/{id}/raters", {
            params: { path: { id: campaign.id } },
            body: { version: campaign.version, groups: body },
          }),
        ),
      );
    });
  };

  const options = (users.data ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName}（${u.username}）`,
  }));
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={t("wizard.raters.title")}>
        {groups.length === 0 ? (
          <Alert type="info" showIcon title={t("wizard.raters.none")} />
        ) : (
          <Space direction="vertical" size={12} style={{ width: "100%" }}>
            {users.error !== undefined && <ApiErrorAlert error={users.error} onRetry={users.reload} />}
            <Typography.Text>
              {t("wizard.raters.weightSum", { sum: percent(sum) })}{" "}
              {sum === "1" ? (
                <Tag icon={<CheckCircleFilled />} color="success">
                  {t("wizard.raters.weightOk")}
                </Tag>
              ) : (
                <Tag icon={<WarningFilled />} color="warning">
                  {t("wizard.raters.weightBad")}
                </Tag>
              )}
            </Typography.Text>
            <Form<Values>
              form={form}
              initialValues={{
                groups: Object.fromEntries(
                  campaign.raterGroups.map((g) => [g.code, g.members.map((m) => m.id)]),
                ),
              }}
            >
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={groups}
                columns={[
                  { title: t("wizard.raters.group"), dataIndex: "name", width: 220 },
                  {
                    title: t("wizard.raters.weight"),
                    dataIndex: "weight",
                    width: 90,
                    align: "right",
                    render: (w: string) => percent(w),
                  },
                  {
                    title: t("wizard.raters.aggregation"),
                    key: "aggregation",
                    width: 240,
                    render: (_, g) => {
                      const own = rules?.groups?.find((r) => r.code === g.code)?.aggregation;
                      const text = aggregationText(own ?? rules?.aggregation);
                      return t(text.key, text.params);
                    },
                  },
                  {
                    title: t("wizard.raters.members"),
                    key: "members",
                    render: (_, g) => (
                      <Form.Item
                        name={["groups", g.code]}
                        style={{ marginBottom: 0 }}
                        rules={
                          everyGroupNeeded
                            ? [
                                {
                                  required: true,
                                  type: "array",
                                  min: 1,
                                  message: t("wizard.raters.required"),
                                },
                              ]
                            : []
                        }
                      >
                        <Select
                          mode="multiple"
                          aria-label={t("wizard.raters.membersOf", { group: g.name })}
                          loading={users.loading}
                          options={options}
                          showSearch={{ optionFilterProp: "label" }}
                          placeholder={t("wizard.raters.pick")}
                        />
                      </Form.Item>
                    ),
                  },
                ]}
              />
            </Form>
            {everyGroupNeeded && (
              <Typography.Text type="secondary">{t("wizard.raters.everyGroup")}</Typography.Text>
            )}
          </Space>
        )}
      </Card>
      <GradingRules scheme={scheme} />
      <StepFailure failure={failure} />
      <StepActions onBack={onBack} onNext={next} saving={saving} nextLabel={t("wizard.saveNext")} />
    </Space>
  );
}
