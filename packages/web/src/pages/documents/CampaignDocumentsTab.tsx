/**
 * 文书与归档 of a campaign, for its organiser and viewers: the campaign's own documents (通报, the score workbook,
 * every unit's evidence), each unit's documents one by one, and — for the organiser — batch generation.
 */
import { FileExcelOutlined, FileWordOutlined, FileZipOutlined } from "@ant-design/icons";
import { Button, Card, Space, Table, Typography } from "antd";
import { api, call } from "../../api/client.js";
import { loadAll } from "../../api/load-all.js";
import type { Campaign } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { DownloadButton } from "./DownloadButton.js";
import { JobsCard } from "./JobsCard.js";
import { links } from "./links.js";

export default function CampaignDocumentsTab({
  campaign,
  organiser,
}: {
  campaign: Campaign;
  organiser: boolean;
}) {
  const { t, lang } = useI18n();
  const loaded = useApi(async () => {
    const [kinds, units] = await Promise.all([
      call(api.GET("/api/v1/document-kinds")),
      loadAll((offset) =>
        call(
          api.GET("/api/v1/campaigns/{id}/units", {
            params: { path: { id: campaign.id }, query: { limit: 500, offset } },
          }),
        ),
      ),
    ]);
    return { kinds, units: units.filter((u) => u.role === "evaluated") };
  }, [campaign.id]);
  if (loaded.error !== undefined) return <ApiErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <PageSpinner />;
  const { kinds, units } = loaded.data;
  const unitKinds = kinds.filter((k) => k.scope === "unit");
  const campaignKinds = kinds.filter((k) => k.scope === "campaign");

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={t("documents.campaignDocs")}>
        <Typography.Paragraph type="secondary">{t("documents.campaignDocsHint")}</Typography.Paragraph>
        <Space wrap>
          {campaignKinds.map((kind) => (
            <DownloadButton
              key={kind.code}
              url={links.document(campaign.id, kind.code)}
              fileName={`${campaign.name} ${kind.zh}.docx`}
              icon={<FileWordOutlined />}
            >
              {kind[lang]}
            </DownloadButton>
          ))}
          <DownloadButton
            url={links.scores(campaign.id)}
            fileName={`${campaign.name}.xlsx`}
            icon={<FileExcelOutlined />}
          >
            {t("documents.scoresXlsx")}
          </DownloadButton>
          <Button icon={<FileZipOutlined />} href={links.campaignArchive(campaign.id)}>
            {t("documents.campaignArchive")}
          </Button>
        </Space>
      </Card>
      {organiser && <JobsCard campaignId={campaign.id} kinds={kinds} />}
      <Card size="small" title={t("documents.unitDocs")}>
        <Table
          size="small"
          rowKey="organisationId"
          dataSource={units}
          pagination={units.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          columns={[
            {
              title: t("documents.unit"),
              key: "unit",
              width: 260,
              render: (_, u) => `${u.code} ${u.name}`,
            },
            {
              title: t("documents.download"),
              key: "documents",
              render: (_, u) => (
                <Space wrap size={4}>
                  {unitKinds.map((kind) => (
                    <DownloadButton
                      key={kind.code}
                      size="small"
                      url={links.document(campaign.id, kind.code, u.organisationId)}
                      fileName={`${u.code} ${u.name} ${kind.zh}.docx`}
                      icon={<FileWordOutlined />}
                    >
                      {kind[lang]}
                    </DownloadButton>
                  ))}
                  <Button
                    size="small"
                    icon={<FileZipOutlined />}
                    href={links.unitArchive(campaign.id, u.organisationId)}
                  >
                    {t("documents.unitArchive")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
