/**
 * The campaign's 自动采集 tab: which scheme fields come from which case type's measure (over the campaign's year),
 * with the source text the self-evaluation shows. Organisers edit the mapping, choosing among the scheme's numeric
 * fields (read from the campaign's scheme version); viewers see it.
 */
import { App, Button, Card, Form, Select, Space, Table, Typography } from "antd";
import { api, call } from "../../api/client.js";
import { errorText } from "../../api/errors.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import type { CampaignTabProps } from "../campaign-tab.js";
import { useNumberFields } from "../schemes/use-number-fields.js";
import { type CaseFeed, MEASURES } from "./case-types.js";

interface FeedRow {
  fieldCode: string;
  caseTypeId: string;
  measure: (typeof MEASURES)[number];
}

export default function CampaignCaseFeedsTab({
  campaign,
  organiser,
}: CampaignTabProps & { organiser: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ feeds: FeedRow[] }>();
  const feeds = useApi(
    () => call(api.GET("/api/v1/campaigns/{id}/case-feeds", { params: { path: { id: campaign.id } } })),
    [campaign.id],
  );
  const types = useApi(() => call(api.GET("/api/v1/case-types")), []);
  // Only numeric fields can take a count or a rate; the server says which measure fits which.
  const { options: fieldOptions } = useNumberFields(campaign.schemeVersionId);
  if (feeds.error !== undefined) return <ApiErrorAlert error={feeds.error} onRetry={feeds.reload} />;
  if (feeds.data === undefined) return <PageSpinner />;
  const save = async () => {
    const { feeds: rows = [] } = await form.validateFields();
    try {
      await call(
        api.PUT("/api/v1/campaigns/{id}/case-feeds", {
          params: { path: { id: campaign.id } },
          body: { feeds: rows },
        }),
      );
      message.success(t("cases.feeds.saved"));
      feeds.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };
  const current = feeds.data.items.map(({ fieldCode, caseTypeId, measure }) => ({
    fieldCode,
    caseTypeId,
    measure,
  }));

  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <Typography.Paragraph type="secondary">{t("cases.feeds.intro")}</Typography.Paragraph>
      <Table<CaseFeed>
        size="small"
        rowKey="fieldCode"
        pagination={false}
        dataSource={feeds.data.items}
        locale={{ emptyText: t("cases.feeds.empty") }}
        columns={[
          {
            title: t("cases.feeds.fieldName"),
            key: "field",
            render: (_: unknown, f) => `${f.fieldName}（${f.fieldCode}）`,
          },
          { title: t("cases.feeds.origin"), dataIndex: "origin" },
        ]}
      />
      {organiser ? (
        <Card size="small">
          <Form form={form} initialValues={{ feeds: current }} key={JSON.stringify(current)}>
            <Form.List name="feeds">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ width: "100%" }}>
                  {fields.map((field) => (
                    <Space key={field.key} wrap>
                      <Form.Item name={[field.name, "fieldCode"]} rules={[{ required: true }]} noStyle>
                        <Select
                          showSearch
                          optionFilterProp="label"
                          placeholder={t("cases.feeds.field")}
                          style={{ width: 340 }}
                          options={fieldOptions}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, "caseTypeId"]} rules={[{ required: true }]} noStyle>
                        <Select
                          placeholder={t("cases.type")}
                          style={{ width: 220 }}
                          options={(types.data?.items ?? []).map((ty) => ({ value: ty.id, label: ty.name }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, "measure"]} rules={[{ required: true }]} noStyle>
                        <Select
                          placeholder={t("cases.feeds.measure")}
                          style={{ width: 160 }}
                          options={MEASURES.map((m) => ({ value: m, label: t(`cases.measure.${m}`) }))}
                        />
                      </Form.Item>
                      <Button onClick={() => remove(field.name)}>−</Button>
                    </Space>
                  ))}
                  <Space>
                    <Button onClick={() => add()}>{t("cases.feeds.add")}</Button>
                    <Button type="primary" onClick={save}>
                      {t("cases.feeds.save")}
                    </Button>
                  </Space>
                </Space>
              )}
            </Form.List>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}
