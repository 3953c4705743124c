/**
 * Step 3, 阶段与时间: which of the stages the campaign uses (单位自评 always) and, for each, its start and deadline;
 * deadlines must follow the stages' order.
 */
import { Card, Checkbox, DatePicker, Form, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useEffect, useRef } from "react";
import { api, call } from "../../api/client.js";
import type { MessageKey } from "../../i18n/dictionary.js";
import { useI18n } from "../../i18n/i18n.js";
import { StepActions, StepFailure, useStepSave } from "./step-frame.js";
import { type StageRow, stageProblem, stageRows, stagesBody } from "./wizard-model.js";
import type { Campaign } from "./wizard-types.js";

interface Values {
  stages: StageRow[];
}

const DATE = "YYYY-MM-DD";

export const stageLabel = (code: string): MessageKey => `wizard.stage.${code}` as MessageKey;

export function StagesStep({
  campaign,
  onSaved,
  onBack,
}: {
  campaign: Campaign;
  onSaved(c: Campaign): void;
  onBack(): void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  // The calendars' month and weekday names come from dayjs's locale.
  useEffect(() => {
    dayjs.locale(lang === "zh" ? "zh-cn" : "en");
  }, [lang]);
  const rows: StageRow[] = Form.useWatch("stages", { form, preserve: true }) ?? [];
  // Server errors name the index among the stages sent; the form's rows include the unused ones.
  const rowOf = useRef<number[]>([]);
  const { saving, failure, run } = useStepSave(form, (segments) => {
    const row = typeof segments[1] === "number" ? rowOf.current[segments[1]] : undefined;
    const field = segments[2];
    if (segments[0] !== "stages" || row === undefined || (field !== "startsAt" && field !== "deadline"))
      return null;
    return ["stages", row, field];
  });

  const check = (index: number, field: "startsAt" | "deadline") => async (): Promise<void> => {
    const problem = stageProblem(form.getFieldValue("stages") ?? [], index, field);
    if (problem !== null) throw new Error(t(problem));
  };

  const next = async () => {
    try {
      await form.validateFields({ recursive: true });
    } catch {
      return;
    }
    // All values, the stage codes included: they have no field of their own.
    const body = stagesBody((form.getFieldsValue(true) as Values).stages);
    rowOf.current = body.rowOf;
    await run(async () => {
      onSaved(
        await call(
          api.PATCH("/api/v1/campaigns/{id}", {
            params: { path: { id: campaign.id } },
            body: { version: campaign.version, stages: body.stages },
          }),
        ),
      );
    });
  };

  return (
    <Card size="small" title={t("wizard.stages.title")}>
      <Typography.Paragraph type="secondary">{t("wizard.stages.hint")}</Typography.Paragraph>
      <Form<Values> form={form} initialValues={{ stages: stageRows(campaign.stages, (iso) => dayjs(iso)) }}>
        <Form.List name="stages">
          {(fields) => (
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={fields}
              columns={[
                {
                  title: t("wizard.stages.use"),
                  key: "enabled",
                  width: 70,
                  render: (_, field) => {
                    const row = rows[field.name];
                    return (
                      <Form.Item
                        name={[field.name, "enabled"]}
                        valuePropName="checked"
                        style={{ marginBottom: 0 }}
                      >
                        <Checkbox
                          disabled={row?.stage === "self_evaluation"}
                          aria-label={t("wizard.stages.useStage", {
                            stage: row ? t(stageLabel(row.stage)) : "",
                          })}
                        />
                      </Form.Item>
                    );
                  },
                },
                {
                  title: t("wizard.stages.stage"),
                  key: "stage",
                  render: (_, field) => {
                    const row = rows[field.name];
                    return row ? t(stageLabel(row.stage)) : null;
                  },
                },
                ...(["startsAt", "deadline"] as const).map((column) => ({
                  title: t(column === "startsAt" ? "wizard.stages.startsAt" : "wizard.stages.deadline"),
                  key: column,
                  width: 260,
                  render: (_: unknown, field: { name: number }) => {
                    const row = rows[field.name];
                    const stage = row ? t(stageLabel(row.stage)) : "";
                    return (
                      <Form.Item
                        name={[field.name, column]}
                        style={{ marginBottom: 0 }}
                        rules={[{ validator: check(field.name, column) }]}
                      >
                        <DatePicker
                          format={DATE}
                          disabled={!row?.enabled}
                          style={{ width: 200 }}
                          aria-label={t(
                            column === "startsAt" ? "wizard.stages.startsAtOf" : "wizard.stages.deadlineOf",
                            { stage },
                          )}
                          placeholder={t(
                            column === "startsAt" ? "wizard.stages.optional" : "wizard.stages.pick",
                          )}
                        />
                      </Form.Item>
                    );
                  },
                })),
              ]}
            />
          )}
        </Form.List>
      </Form>
      <Space direction="vertical" size={12} style={{ width: "100%", marginTop: 16 }}>
        <StepFailure failure={failure} />
        <StepActions onBack={onBack} onNext={next} saving={saving} nextLabel={t("wizard.saveNext")} />
      </Space>
    </Card>
  );
}
