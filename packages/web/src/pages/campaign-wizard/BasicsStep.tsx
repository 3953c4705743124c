/**
 * Step 1, 基本信息: name, year, organising organisation and scheme version. The first 下一步 creates the draft
 * campaign; after that only its name and settings can change (the API fixes the rest at creation).
 */
import { Card, Form, Input, InputNumber, Select, Space, Switch } from "antd";
import { useEffect, useState } from "react";
import { api, call } from "../../api/client.js";
import { loadAll } from "../../api/load-all.js";
import { useApi } from "../../api/use-api.js";
import { kindOf } from "../../auth/roles.js";
import { useSignedIn } from "../../auth/session.js";
import { useI18n } from "../../i18n/i18n.js";
import { StepActions, StepFailure, useStepSave } from "./step-frame.js";
import { DEFAULT_STAGES } from "./wizard-model.js";
import type { Campaign } from "./wizard-types.js";

interface Values {
  name: string;
  year: number;
  organiserId: string;
  schemeId?: string;
  schemeVersionId: string;
  settings: { reviewersSeeSelfScores: boolean };
}

const BASIC_FIELDS = new Set(["name", "year", "organiserId", "schemeVersionId", "settings"]);

export function BasicsStep({ campaign, onSaved }: { campaign: Campaign | null; onSaved(c: Campaign): void }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const [form] = Form.useForm<Values>();
  const [schemeId, setSchemeId] = useState<string | undefined>();
  const { saving, failure, run } = useStepSave(form, (segments) =>
    BASIC_FIELDS.has(String(segments[0])) ? segments.slice(0, segments[0] === "settings" ? 2 : 1) : null,
  );
  const locked = campaign !== null;

  const choices = useApi(async () => {
    if (locked) return { organisers: [], schemes: [] };
    const admin = session.user.grants.some((g) => g.role === "admin");
    const organiserIds = new Set(
      session.user.grants.filter((g) => kindOf(g.role) === "organiser").map((g) => g.organisationId),
    );
    const [organisations, schemes] = await Promise.all([
      loadAll((offset) =>
        call(api.GET("/api/v1/organisations", { params: { query: { limit: 500, offset } } })),
      ),
      loadAll((offset) => call(api.GET("/api/v1/schemes", { params: { query: { limit: 500, offset } } }))),
    ]);
    return { organisers: organisations.filter((o) => admin || organiserIds.has(o.id)), schemes };
  }, [locked]);

  const versions = useApi(
    async () =>
      schemeId === undefined
        ? []
        : (await call(api.GET("/api/v1/schemes/{id}", { params: { path: { id: schemeId } } }))).versions,
    [schemeId],
  );

  const next = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      if (campaign === null) {
        onSaved(
          await call(
            api.POST("/api/v1/campaigns", {
              body: {
                organiserId: values.organiserId,
                name: values.name.trim(),
                year: values.year,
                schemeVersionId: values.schemeVersionId,
                settings: values.settings,
                stages: DEFAULT_STAGES.map((stage) => ({ stage })),
                units: [],
              },
            }),
          ),
        );
        return;
      }
      const name = values.name.trim();
      const see = values.settings.reviewersSeeSelfScores;
      if (name === campaign.name && see === campaign.settings.reviewersSeeSelfScores) {
        onSaved(campaign);
        return;
      }
      onSaved(
        await call(
          api.PATCH("/api/v1/campaigns/{id}", {
            params: { path: { id: campaign.id } },
            body: { version: campaign.version, name, settings: { reviewersSeeSelfScores: see } },
          }),
        ),
      );
    });
  };

  const organisers = choices.data?.organisers ?? [];
  const versionList = versions.data ?? [];
  // The usual choices, filled in once known: the only (or first) organising body, a scheme's newest version.
  useEffect(() => {
    const first = choices.data?.organisers[0];
    if (first !== undefined && form.getFieldValue("organiserId") === undefined)
      form.setFieldValue("organiserId", first.id);
  }, [choices.data, form]);
  useEffect(() => {
    const latest = versions.data?.at(-1);
    if (latest !== undefined && form.getFieldValue("schemeVersionId") === undefined)
      form.setFieldValue("schemeVersionId", latest.id);
  }, [versions.data, form]);
  return (
    <Card size="small" title={t("wizard.basics.title")}>
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ flex: "140px" }}
        wrapperCol={{ flex: "auto" }}
        style={{ maxWidth: 760 }}
        initialValues={
          campaign === null
            ? {
                year: new Date().getFullYear(),
                settings: { reviewersSeeSelfScores: false },
              }
            : {
                name: campaign.name,
                year: campaign.year,
                organiserId: campaign.organiserId,
                schemeVersionId: campaign.schemeVersionId,
                settings: campaign.settings,
              }
        }
      >
        <Form.Item
          name="name"
          label={t("wizard.basics.name")}
          rules={[
            { required: true, whitespace: true, message: t("wizard.basics.nameRequired") },
            { max: 200 },
          ]}
        >
          <Input placeholder={t("wizard.basics.namePlaceholder")} />
        </Form.Item>
        <Form.Item
          name="year"
          label={t("wizard.basics.year")}
          rules={[{ required: true, message: t("wizard.basics.yearRequired") }]}
        >
          <InputNumber min={1990} max={2200} precision={0} disabled={locked} style={{ width: 160 }} />
        </Form.Item>
        {locked ? (
          <>
            <Form.Item label={t("wizard.basics.organiser")}>
              <Input disabled value={campaign.organiserName} />
            </Form.Item>
            <Form.Item label={t("wizard.basics.scheme")} extra={t("wizard.basics.lockedHint")}>
              <Input disabled value={`${campaign.schemeName}（${campaign.schemeVersionLabel}）`} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              name="organiserId"
              label={t("wizard.basics.organiser")}
              rules={[{ required: true, message: t("wizard.basics.organiserRequired") }]}
            >
              <Select
                loading={choices.loading}
                showSearch={{ optionFilterProp: "label" }}
                options={organisers.map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
            <Form.Item
              name="schemeId"
              label={t("wizard.basics.scheme")}
              rules={[{ required: true, message: t("wizard.basics.schemeRequired") }]}
            >
              <Select
                loading={choices.loading}
                showSearch={{ optionFilterProp: "label" }}
                placeholder={t("wizard.basics.schemePlaceholder")}
                options={(choices.data?.schemes ?? []).map((s) => ({
                  value: s.id,
                  label: `${s.name}（${s.ownerName}）`,
                }))}
                onChange={(id: string) => {
                  setSchemeId(id);
                  form.setFieldValue("schemeVersionId", undefined);
                }}
              />
            </Form.Item>
            <Form.Item
              name="schemeVersionId"
              label={t("wizard.basics.version")}
              rules={[{ required: true, message: t("wizard.basics.versionRequired") }]}
            >
              <Select
                loading={versions.loading}
                disabled={schemeId === undefined}
                options={versionList.map((v) => ({
                  value: v.id,
                  label: `${v.label}${v.frozen ? t("wizard.basics.frozen") : ""}`,
                }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name={["settings", "reviewersSeeSelfScores"]}
          label={t("wizard.basics.seeSelfScores")}
          valuePropName="checked"
          extra={t("wizard.basics.seeSelfScoresHint")}
        >
          <Switch />
        </Form.Item>
      </Form>
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        <StepFailure failure={failure} />
        <StepActions
          onNext={next}
          saving={saving}
          nextLabel={locked ? t("wizard.saveNext") : t("wizard.createDraft")}
        />
      </Space>
    </Card>
  );
}
