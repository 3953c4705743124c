/**
 * 新建案件类型 (the center's organisers): start from one of seed 001's types (数字化城管, 12345热线, served by the
 * API) or from nothing; name and code; the stages in order with the hours allowed and who acts; which stage
 * dispatches (分派), closes (结案) and revisits (回访). The server checks the rules and names the field at fault:
 * its messages show at that field (a stage's actor, the closing stage, …).
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { Button, Form, Input, InputNumber, Select, Space } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { kindOf, organisedOf } from "../../auth/roles.js";
import { useSignedIn } from "../../auth/session.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { FormModal } from "../organisations/FormModal.js";
import type { CaseType } from "./case-types.js";

type Definition = CaseType["definition"];
type Stage = Definition["stages"][number];

interface TypeForm {
  ownerId: string;
  code: string;
  name: string;
  definition: {
    stages: Array<Partial<Stage>>;
    dispatchStage?: string;
    closingStage?: string;
    revisitStage?: string | null;
  };
}

const BLANK = "";

/** The 新建案件类型 button and its dialog, for organisers only. */
export function NewCaseType({ onCreated }: { onCreated(id: string): void }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const [open, setOpen] = useState(false);
  if (!session.user.grants.some((g) => kindOf(g.role) === "organiser")) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("cases.newType")}</Button>
      {open ? (
        <CaseTypeDialog
          onCancel={() => setOpen(false)}
          onCreated={(id) => {
            setOpen(false);
            onCreated(id);
          }}
        />
      ) : null}
    </>
  );
}

function CaseTypeDialog({ onCancel, onCreated }: { onCancel(): void; onCreated(id: string): void }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const [form] = Form.useForm<TypeForm>();
  const templates = useApi(() => call(api.GET("/api/v1/case-type-templates")), []);
  const organisations = useApi(
    () => call(api.GET("/api/v1/organisations", { params: { query: { limit: 500 } } })),
    [],
  );
  const stages: Array<Partial<Stage> | undefined> = Form.useWatch(["definition", "stages"], form) ?? [];
  const failed = templates.error ?? organisations.error;
  if (failed !== undefined) return <ApiErrorAlert error={failed} />;
  if (templates.data === undefined || organisations.data === undefined) return null;
  const owners = organisedOf(session, organisations.data.items);
  const stageOptions = stages.flatMap((s) =>
    s?.code ? [{ value: s.code, label: s.name ? `${s.name}（${s.code}）` : s.code }] : [],
  );
  const start = (code: string) => {
    const template = templates.data?.items.find((i) => i.code === code);
    form.setFieldsValue(
      template === undefined
        ? {
            code: "",
            name: "",
            definition: { stages: [], dispatchStage: undefined, closingStage: undefined, revisitStage: null },
          }
        : { code: template.code, name: template.name, definition: structuredClone(template.definition) },
    );
  };
  const send = async (values: TypeForm) => {
    const created = await call(
      api.POST("/api/v1/case-types", {
        body: {
          ...values,
          definition: {
            stages: values.definition.stages as Stage[],
            dispatchStage: values.definition.dispatchStage ?? "",
            closingStage: values.definition.closingStage ?? "",
            revisitStage: values.definition.revisitStage ?? null,
          },
        },
      }),
    );
    onCreated(created.id);
  };
  const stageSelect = (
    name: "dispatchStage" | "closingStage" | "revisitStage",
    label: string,
    optional = false,
  ) => (
    <Form.Item name={["definition", name]} label={label} rules={optional ? [] : [{ required: true }]}>
      <Select
        allowClear={optional}
        placeholder={optional ? t("cases.form.noRevisit") : undefined}
        options={stageOptions}
        style={{ minWidth: 180 }}
      />
    </Form.Item>
  );

  return (
    <FormModal<TypeForm>
      title={t("cases.newType")}
      form={form}
      width={880}
      initialValues={{ ownerId: owners[0]?.id, definition: { stages: [], revisitStage: null } }}
      send={send}
      onCancel={onCancel}
    >
      <Form.Item label={t("cases.form.template")}>
        <Select
          defaultValue={BLANK}
          onChange={start}
          options={[
            { value: BLANK, label: t("cases.form.blank") },
            ...templates.data.items.map((i) => ({ value: i.code, label: i.name })),
          ]}
        />
      </Form.Item>
      <Form.Item name="ownerId" label={t("cases.form.owner")} rules={[{ required: true }]}>
        <Select options={owners.map((o) => ({ value: o.id, label: o.name }))} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="name" label={t("cases.form.name")} rules={[{ required: true }]}>
          <Input maxLength={100} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t("cases.form.code")}
          rules={[{ required: true }]}
          extra={t("cases.form.codeHint")}
        >
          <Input maxLength={64} style={{ width: 200 }} />
        </Form.Item>
      </Space>
      <Form.Item label={t("cases.form.stages")} required>
        <Form.List name={["definition", "stages"]}>
          {(fields, { add, remove, move }, { errors }) => (
            <Space direction="vertical" size={0} style={{ width: "100%" }}>
              {fields.map((field, i) => (
                <Space key={field.key} align="start">
                  <span style={{ display: "inline-block", width: 20, lineHeight: "32px" }}>{i + 1}</span>
                  <Form.Item name={[field.name, "name"]} rules={[{ required: true }]} style={{ width: 180 }}>
                    <Input
                      aria-label={t("cases.stageCol")}
                      placeholder={t("cases.stageCol")}
                      maxLength={50}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "code"]} rules={[{ required: true }]} style={{ width: 120 }}>
                    <Input
                      aria-label={t("cases.form.stageCode")}
                      placeholder={t("cases.form.stageCode")}
                      maxLength={32}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "hours"]} rules={[{ required: true }]} style={{ width: 120 }}>
                    <InputNumber
                      aria-label={t("cases.hoursCol")}
                      min={1}
                      max={24 * 366}
                      precision={0}
                      suffix={t("cases.form.hoursUnit")}
                      style={{ width: "100%" }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "actor"]} rules={[{ required: true }]} style={{ width: 150 }}>
                    <Select
                      aria-label={t("cases.actorCol")}
                      style={{ width: "100%" }}
                      options={(["center", "unit"] as const).map((a) => ({
                        value: a,
                        label: t(`cases.actor.${a}`),
                      }))}
                    />
                  </Form.Item>
                  <Button
                    icon={<ArrowUpOutlined />}
                    aria-label={t("cases.form.up")}
                    disabled={i === 0}
                    onClick={() => move(i, i - 1)}
                  />
                  <Button
                    icon={<ArrowDownOutlined />}
                    aria-label={t("cases.form.down")}
                    disabled={i === fields.length - 1}
                    onClick={() => move(i, i + 1)}
                  />
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t("cases.form.remove")}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button onClick={() => add({ actor: "center" })}>{t("cases.form.addStage")}</Button>
            </Space>
          )}
        </Form.List>
      </Form.Item>
      <Space wrap align="start">
        {stageSelect("dispatchStage", t("cases.form.dispatch"))}
        {stageSelect("closingStage", t("cases.form.closing"))}
        {stageSelect("revisitStage", t("cases.form.revisit"), true)}
      </Space>
    </FormModal>
  );
}
