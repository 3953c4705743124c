/**
 * 发放问卷: one-time links for the chosen units, by default each unit's sample size shared by the groups' quotas,
 * or a count per group; downloaded as a Word sheet of QR codes, or shown as links (they exist only now).
 */
import { QrcodeOutlined } from "@ant-design/icons";
import { App, Button, Form, InputNumber, List, Select, Space, Typography } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { saveBlob } from "../../api/download-file.js";
import { errorText, toApiError } from "../../api/errors.js";
import { useI18n } from "../../i18n/i18n.js";

interface Props {
  surveyId: string;
  title: string;
  units: Array<{ organisationId: string; code: string; name: string }>;
  groups: Array<{ code: string; name: string }>;
  onIssued(): void;
}

export function IssueLinks({ surveyId, title, units, groups, onIssued }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [counts, setCounts] = useState<Record<string, number | null>>({});
  const [busy, setBusy] = useState<"sheet" | "links" | null>(null);
  const [links, setLinks] = useState<Array<{ url: string; unitName: string; groupName: string }>>([]);

  const body = () => {
    const given = Object.entries(counts).filter(
      (e): e is [string, number] => e[1] !== null && e[1] !== undefined,
    );
    return {
      ...(unitIds.length > 0 ? { organisationIds: unitIds } : {}),
      ...(given.length > 0 ? { counts: Object.fromEntries(given) } : {}),
    };
  };

  const issue = async (kind: "sheet" | "links") => {
    setBusy(kind);
    try {
      if (kind === "links") {
        const issued = await call(
          api.POST("/api/v1/surveys/{id}/tokens", { params: { path: { id: surveyId } }, body: body() }),
        );
        setLinks(issued.items);
        message.success(t("surveys.issuedLinks", { count: issued.items.length }));
      } else {
        const { data, error, response } = await api.POST("/api/v1/surveys/{id}/tokens/sheet", {
          params: { path: { id: surveyId } },
          body: body(),
          parseAs: "blob",
        });
        if (!response.ok || data === undefined) throw toApiError(response.status, error);
        saveBlob(data as Blob, `${title}二维码.docx`);
      }
      onIssued();
    } catch (e) {
      message.error(errorText(e, lang), 8);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Paragraph type="secondary">{t("surveys.issueHint")}</Typography.Paragraph>
      <Form layout="inline">
        <Form.Item label={t("surveys.issueUnits")}>
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 280 }}
            value={unitIds}
            onChange={setUnitIds}
            placeholder={units.map((u) => u.name).join("、")}
            options={units.map((u) => ({ value: u.organisationId, label: `${u.code} ${u.name}` }))}
          />
        </Form.Item>
        {groups.map((g) => (
          <Form.Item key={g.code} label={g.name}>
            <InputNumber
              min={0}
              max={20000}
              precision={0}
              aria-label={`${g.name} ${t("surveys.issueCounts")}`}
              placeholder={t("surveys.issueCounts")}
              style={{ width: 120 }}
              value={counts[g.code] ?? null}
              onChange={(v) => setCounts((c) => ({ ...c, [g.code]: v }))}
            />
          </Form.Item>
        ))}
      </Form>
      <Space wrap>
        <Button
          type="primary"
          icon={<QrcodeOutlined />}
          loading={busy === "sheet"}
          onClick={() => issue("sheet")}
        >
          {t("surveys.issueSheet")}
        </Button>
        <Button loading={busy === "links"} onClick={() => issue("links")}>
          {t("surveys.issueLinks")}
        </Button>
      </Space>
      {links.length > 0 && (
        <List
          size="small"
          bordered
          style={{ maxHeight: 240, overflow: "auto" }}
          dataSource={links}
          renderItem={(link) => (
            <List.Item>
              <Typography.Text copyable={{ text: link.url }} data-testid="survey-link">
                {link.unitName} · {link.groupName} · {link.url}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
