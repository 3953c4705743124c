/**
 * 问卷设计 in a drawer: questions (single and multiple choice, Likert items with their labels, points and which
 * levels count as satisfied, free text), respondent groups with quotas, the sample rule and minimum valid-response
 * rate, the units with their population (typed, or read from one of the scheme's numeric base-data fields), and the
 * satisfaction indicator the key question feeds.
 */
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Typography,
} from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { errorText } from "../../api/errors.js";
import { useI18n } from "../../i18n/i18n.js";
import { useNumberFields } from "../schemes/use-number-fields.js";
import { type SurveyForm, surveyUnits, toDefinition } from "./survey-form.js";
import { DEFAULT_LEVELS, type LikertLevel } from "./survey-types.js";

export interface SatisfactionIndicator {
  code: string;
  name: string;
  levels: LikertLevel[];
}

interface Props {
  campaignId: string;
  /** The campaign's scheme version, whose numeric fields may give the units' population. */
  schemeVersionId: string;
  /** Null: a new survey. */
  survey: { id: string; version: number } | null;
  initial: SurveyForm;
  indicators: SatisfactionIndicator[];
  onClose(): void;
  onSaved(): void;
}

function LevelsEditor({ name }: { name: number }) {
  const { t } = useI18n();
  return (
    <Form.List name={[name, "levels"]}>
      {(fields, { add, remove }) => (
        <Space direction="vertical" size={4} style={{ width: "100%" }}>
          <Typography.Text type="secondary">{t("surveys.builder.levels")}</Typography.Text>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" wrap>
              <Form.Item name={[field.name, "name"]} rules={[{ required: true }]} noStyle>
                <Input
                  style={{ width: 140 }}
                  placeholder={t("surveys.builder.levelName")}
                  aria-label={t("surveys.builder.levelName")}
                />
              </Form.Item>
              <Form.Item name={[field.name, "points"]} rules={[{ required: true }]} noStyle>
                <InputNumber
                  style={{ width: 90 }}
                  placeholder={t("surveys.builder.points")}
                  aria-label={t("surveys.builder.points")}
                />
              </Form.Item>
              <Form.Item name={[field.name, "satisfied"]} valuePropName="checked" noStyle>
                <Checkbox>{t("surveys.builder.satisfied")}</Checkbox>
              </Form.Item>
              <MinusCircleOutlined
                onClick={() => remove(field.name)}
                aria-label={t("surveys.builder.remove")}
              />
            </Space>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => add({ code: "", name: "", points: 0, satisfied: false })}
          >
            {t("surveys.builder.levels")}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

const orInitial = <T,>(watched: T | undefined, initialValue: T): T =>
  watched === undefined ? initialValue : watched;

export function SurveyBuilder({
  campaignId,
  schemeVersionId,
  survey,
  initial,
  indicators,
  onClose,
  onSaved,
}: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SurveyForm>();
  const [saving, setSaving] = useState(false);
  const questions = Form.useWatch("questions", form) ?? initial.questions;
  // Undefined until the form has mounted; null is a choice (no indicator, a typed population), so `??` won't do.
  const indicatorCode = orInitial(Form.useWatch("indicatorCode", form), initial.indicatorCode);
  const populationField = orInitial(Form.useWatch("populationField", form), initial.populationField);
  const numberFields = useNumberFields(schemeVersionId);
  const fieldLabel =
    populationField === null
      ? null
      : (numberFields.options.find((f) => f.value === populationField)?.label ?? populationField);

  const fromIndicator = () => {
    const indicator = indicators.find((i) => i.code === indicatorCode);
    if (indicator === undefined) return;
    const current = form.getFieldValue("questions") as SurveyForm["questions"];
    form.setFieldsValue({
      questions: [
        ...current,
        { type: "likert", text: `您对${indicator.name}是否满意？`, required: true, levels: indicator.levels },
      ],
      keyQuestion: current.length,
    });
  };

  // All values, not only those with a field: ids and codes (a unit's, a level's, a group's) have none.
  const save = async (values: SurveyForm) => {
    setSaving(true);
    try {
      const body = {
        definition: toDefinition(values) as unknown as Record<string, unknown>,
        units: surveyUnits(values),
      };
      if (survey === null) {
        await call(
          api.POST("/api/v1/campaigns/{id}/surveys", { params: { path: { id: campaignId } }, body }),
        );
      } else {
        await call(
          api.PUT("/api/v1/surveys/{id}", {
            params: { path: { id: survey.id } },
            body: { ...body, version: survey.version },
          }),
        );
      }
      message.success(t("surveys.builder.saved"));
      onSaved();
    } catch (e) {
      message.error(errorText(e, lang), 8);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      width={820}
      title={survey === null ? t("surveys.new") : t("surveys.edit")}
      onClose={onClose}
      extra={
        <Button type="primary" loading={saving} onClick={() => form.submit()}>
          {t("surveys.builder.save")}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={() => save(form.getFieldsValue(true))}
      >
        <Form.Item name="title" label={t("surveys.builder.title")} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="intro" label={t("surveys.builder.intro")}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>

        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t("surveys.builder.questions")}
        </Typography.Title>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: "100%" }}>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`Q${i + 1}`}
                  extra={
                    <MinusCircleOutlined
                      onClick={() => remove(field.name)}
                      aria-label={t("surveys.builder.remove")}
                    />
                  }
                >
                  <Space wrap align="start">
                    <Form.Item name={[field.name, "type"]} label={t("surveys.builder.type")}>
                      <Select
                        style={{ width: 160 }}
                        options={(["likert", "single", "multiple", "text"] as const).map((type) => ({
                          value: type,
                          label: t(`surveys.builder.type.${type}`),
                        }))}
                        onChange={(type) => {
                          if (
                            type === "likert" &&
                            form.getFieldValue(["questions", field.name, "levels"]) === undefined
                          )
                            form.setFieldValue(["questions", field.name, "levels"], DEFAULT_LEVELS);
                        }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "required"]}
                      label={t("surveys.builder.required")}
                      valuePropName="checked"
                    >
                      <Switch />
                    </Form.Item>
                  </Space>
                  <Form.Item
                    name={[field.name, "text"]}
                    label={t("surveys.builder.text")}
                    rules={[{ required: true }]}
                  >
                    <Input maxLength={500} />
                  </Form.Item>
                  {questions[i]?.type === "likert" && <LevelsEditor name={field.name} />}
                  {(questions[i]?.type === "single" || questions[i]?.type === "multiple") && (
                    <Form.Item
                      name={[field.name, "options"]}
                      label={t("surveys.builder.options")}
                      rules={[{ required: true }]}
                    >
                      <Input.TextArea rows={3} />
                    </Form.Item>
                  )}
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ type: "single", text: "", required: true, options: "" })}
              >
                {t("surveys.builder.addQuestion")}
              </Button>
            </Space>
          )}
        </Form.List>

        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t("surveys.builder.indicator")}
        </Typography.Title>
        <Space wrap align="end">
          <Form.Item name="indicatorCode" label={t("surveys.builder.indicator")}>
            <Select
              style={{ width: 280 }}
              options={[
                { value: null, label: t("surveys.builder.noIndicator") },
                ...indicators.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` })),
              ]}
            />
          </Form.Item>
          <Form.Item name="keyQuestion" label={t("surveys.builder.keyQuestion")}>
            <Select
              style={{ width: 200 }}
              allowClear
              disabled={indicatorCode === null}
              options={questions.flatMap((q, i) =>
                q?.type === "likert" ? [{ value: i, label: `Q${i + 1} ${q.text ?? ""}` }] : [],
              )}
            />
          </Form.Item>
          <Form.Item>
            <Button disabled={indicatorCode === null} onClick={fromIndicator}>
              {t("surveys.builder.fromIndicator")}
            </Button>
          </Form.Item>
        </Space>

        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t("surveys.builder.groups")}
        </Typography.Title>
        <Form.List name="groups">
          {(fields, { add, remove }) => (
            <Space direction="vertical">
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, "name"]} rules={[{ required: true }]} noStyle>
                    <Input
                      style={{ width: 180 }}
                      placeholder={t("surveys.builder.groupName")}
                      aria-label={t("surveys.builder.groupName")}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "minSharePercent"]} noStyle>
                    <InputNumber
                      min={0}
                      max={100}
                      addonAfter="%"
                      aria-label={t("surveys.builder.groupShare")}
                    />
                  </Form.Item>
                  <MinusCircleOutlined
                    onClick={() => remove(field.name)}
                    aria-label={t("surveys.builder.remove")}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: "", minSharePercent: 0 })}>
                {t("surveys.builder.addGroup")}
              </Button>
            </Space>
          )}
        </Form.List>

        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t("surveys.builder.sample")}
        </Typography.Title>
        <Space wrap>
          <Form.Item name="minimum" label={t("surveys.builder.minimum")} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="perMille" label={t("surveys.builder.perMille")} rules={[{ required: true }]}>
            <InputNumber min={0} step={0.1} />
          </Form.Item>
          <Form.Item
            name="minValidRatePercent"
            label={t("surveys.builder.minValidRate")}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={100} addonAfter="%" />
          </Form.Item>
          <Form.Item name="populationField" label={t("surveys.builder.populationField")}>
            <Select
              style={{ width: 280 }}
              loading={numberFields.loading}
              options={[
                { value: null, label: t("surveys.builder.populationTyped") },
                ...numberFields.options,
              ]}
            />
          </Form.Item>
        </Space>

        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {fieldLabel === null
            ? t("surveys.builder.units")
            : t("surveys.builder.unitsFromField", { field: fieldLabel })}
        </Typography.Title>
        <Form.List name="units">
          {(fields) =>
            fields.map((field) => (
              <Space key={field.key} align="baseline" style={{ display: "flex" }}>
                <Form.Item name={[field.name, "included"]} valuePropName="checked" noStyle>
                  <Checkbox style={{ width: 280 }}>
                    {form.getFieldValue(["units", field.name, "label"])}
                  </Checkbox>
                </Form.Item>
                {populationField === null && (
                  <Form.Item name={[field.name, "population"]} noStyle>
                    <InputNumber
                      min={0}
                      precision={0}
                      style={{ width: 180 }}
                      placeholder={t("surveys.population")}
                    />
                  </Form.Item>
                )}
              </Space>
            ))
          }
        </Form.List>
      </Form>
    </Drawer>
  );
}
