/**
 * Step 2, 参评单位: units picked from the organiser's part of the organisation tree (searchable), each with its
 * category when the scheme has categories (guessed from the organisation's own category, changeable).
 */
import { Card, Col, Empty, Form, Input, Row, Select, Space, Table, Tree, Typography } from "antd";
import { useMemo, useState } from "react";
import { api, call } from "../../api/client.js";
import { loadAll } from "../../api/load-all.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { allKeys, organisationTree } from "./organisation-tree.js";
import { StepActions, StepFailure, useStepSave } from "./step-frame.js";
import { guessCategory, type UnitInput } from "./wizard-model.js";
import type { Campaign, CampaignUnit, SchemeVersion } from "./wizard-types.js";

interface Values {
  units: Array<{ organisationId: string; category: string | null }>;
}

export function UnitsStep({
  campaign,
  scheme,
  units,
  onSaved,
  onBack,
}: {
  campaign: Campaign;
  scheme: SchemeVersion;
  units: CampaignUnit[];
  onSaved(c: Campaign, units: CampaignUnit[]): void;
  onBack(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState("");
  const chosen = Form.useWatch("units", form) ?? [];
  const categories = scheme.categories;
  const { saving, failure, run } = useStepSave(form, (segments) =>
    segments[0] === "units" && typeof segments[1] === "number"
      ? ["units", segments[1], segments[2] === "category" ? "category" : "organisationId"]
      : null,
  );

  const organisations = useApi(
    () =>
      loadAll((offset) =>
        call(
          api.GET("/api/v1/organisations", {
            params: { query: { under: campaign.organiserId, limit: 500, offset } },
          }),
        ),
      ),
    [campaign.organiserId],
  );
  const byId = useMemo(() => new Map((organisations.data ?? []).map((o) => [o.id, o])), [organisations.data]);
  const tree = useMemo(
    () => organisationTree(organisations.data ?? [], search, campaign.organiserId),
    [organisations.data, search, campaign.organiserId],
  );

  const check = (keys: string[]) => {
    const current = new Map(chosen.map((u) => [u.organisationId, u]));
    form.setFieldValue(
      "units",
      keys.map(
        (id) =>
          current.get(id) ?? {
            organisationId: id,
            category: guessCategory(byId.get(id)?.category ?? null, categories),
          },
      ),
    );
  };

  const next = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      const body: UnitInput[] = (values.units ?? []).map((u) => ({
        organisationId: u.organisationId,
        ...(categories.length > 0 ? { category: u.category } : {}),
      }));
      const saved = await call(
        api.PUT("/api/v1/campaigns/{id}/units", {
          params: { path: { id: campaign.id } },
          body: { version: campaign.version, units: body },
        }),
      );
      const list = await loadAll((offset) =>
        call(
          api.GET("/api/v1/campaigns/{id}/units", {
            params: { path: { id: campaign.id }, query: { limit: 500, offset } },
          }),
        ),
      );
      onSaved(saved, list);
    });
  };

  if (organisations.error !== undefined)
    return <ApiErrorAlert error={organisations.error} onRetry={organisations.reload} />;
  const label = (id: string) => {
    const o = byId.get(id) ?? units.find((u) => u.organisationId === id);
    return o === undefined ? id : `${o.name}（${o.code}）`;
  };

  return (
    <Card size="small" title={t("wizard.units.title")}>
      <Form<Values>
        form={form}
        initialValues={{
          units: units.map((u) => ({ organisationId: u.organisationId, category: u.category })),
        }}
      >
        <Row gutter={16}>
          <Col span={10}>
            <Space direction="vertical" size={8} style={{ width: "100%" }}>
              <Input.Search
                allowClear
                aria-label={t("wizard.units.search")}
                placeholder={t("wizard.units.search")}
                onChange={(e) => setSearch(e.target.value)}
              />
              <div
                style={{
                  border: "1px solid #f0f0f0",
                  borderRadius: 6,
                  padding: 8,
                  height: 460,
                  overflow: "auto",
                }}
              >
                {organisations.loading ? (
                  <Typography.Text type="secondary">{t("app.loading")}</Typography.Text>
                ) : tree.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ) : (
                  <Tree
                    checkable
                    checkStrictly
                    selectable={false}
                    aria-label={t("wizard.units.tree")}
                    treeData={tree}
                    expandedKeys={allKeys(tree)}
                    checkedKeys={chosen.map((u) => u.organisationId)}
                    onCheck={(keys) => check((Array.isArray(keys) ? keys : keys.checked).map(String))}
                  />
                )}
              </div>
            </Space>
          </Col>
          <Col span={14}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t("wizard.units.chosen", { count: chosen.length })}
              {categories.length > 0 && ` · ${t("wizard.units.categoryHint")}`}
            </Typography.Paragraph>
            <Form.List
              name="units"
              rules={[
                {
                  validator: async (_, value: unknown[] | undefined) => {
                    if ((value ?? []).length === 0) throw new Error(t("wizard.units.required"));
                  },
                },
              ]}
            >
              {(fields, _ops, { errors }) => (
                <>
                  <Table
                    size="small"
                    rowKey="key"
                    dataSource={fields}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    locale={{ emptyText: t("wizard.units.empty") }}
                    columns={[
                      {
                        title: t("wizard.units.unit"),
                        key: "unit",
                        render: (_, field) => (
                          <Form.Item name={[field.name, "organisationId"]} style={{ marginBottom: 0 }}>
                            <UnitName label={label} />
                          </Form.Item>
                        ),
                      },
                      ...(categories.length > 0
                        ? [
                            {
                              title: t("wizard.units.category"),
                              key: "category",
                              width: 240,
                              render: (_: unknown, field: { name: number }) => (
                                <Form.Item
                                  name={[field.name, "category"]}
                                  style={{ marginBottom: 0 }}
                                  rules={[{ required: true, message: t("wizard.units.categoryRequired") }]}
                                >
                                  <Select
                                    aria-label={t("wizard.units.categoryOf", {
                                      unit: label(chosen[field.name]?.organisationId ?? ""),
                                    })}
                                    options={categories.map((c) => ({ value: c.code, label: c.name }))}
                                  />
                                </Form.Item>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
          </Col>
        </Row>
      </Form>
      <Space direction="vertical" size={12} style={{ width: "100%", marginTop: 16 }}>
        <StepFailure failure={failure} />
        <StepActions onBack={onBack} onNext={next} saving={saving} nextLabel={t("wizard.saveNext")} />
      </Space>
    </Card>
  );
}

function UnitName({ value, label }: { value?: string; label(id: string): string }) {
  return <span>{value === undefined ? "" : label(value)}</span>;
}
