/**
 * 满意度调查 of a campaign, for its organisers and viewers: each survey with its questionnaire summary, issuing of
 * one-time links and QR sheets (organisers), and results per unit and group; organisers build and change surveys
 * (until the first response) in the builder.
 */
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Space, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { loadAll } from "../../api/load-all.js";
import type { Campaign, ResponseOf } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { IssueLinks } from "./IssueLinks.js";
import { SurveyBuilder } from "./SurveyBuilder.js";
import { SurveyResults } from "./SurveyResults.js";
import { newSurveyForm, type SurveyForm, toForm } from "./survey-form.js";
import type { SurveyDefinition } from "./survey-types.js";

type Survey = ResponseOf<"/api/v1/campaigns/{id}/surveys", "get">["items"][number];

export default function CampaignSurveysTab({
  campaign,
  organiser,
}: {
  campaign: Campaign;
  organiser: boolean;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<{ survey: Survey | null; form: SurveyForm } | null>(null);
  const loaded = useApi(async () => {
    const [surveys, indicators, units] = await Promise.all([
      call(api.GET("/api/v1/campaigns/{id}/surveys", { params: { path: { id: campaign.id } } })),
      call(
        api.GET("/api/v1/campaigns/{id}/satisfaction-indicators", { params: { path: { id: campaign.id } } }),
      ),
      loadAll((offset) =>
        call(
          api.GET("/api/v1/campaigns/{id}/units", {
            params: { path: { id: campaign.id }, query: { limit: 500, offset } },
          }),
        ),
      ),
    ]);
    return {
      surveys: surveys.items,
      indicators: indicators.items,
      units: units.filter((u) => u.role === "evaluated"),
    };
  }, [campaign.id]);
  if (loaded.error !== undefined) return <ApiErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <PageSpinner />;
  const { surveys, indicators, units } = loaded.data;

  const unitRows = (survey: Survey | null): SurveyForm["units"] =>
    units.map((u) => {
      const chosen = survey?.units.find((s) => s.organisationId === u.organisationId);
      return {
        organisationId: u.organisationId,
        label: `${u.code} ${u.name}`,
        included: survey === null || chosen !== undefined,
        population: chosen?.population ?? null,
      };
    });

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {organiser && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ survey: null, form: newSurveyForm(unitRows(null)) })}
        >
          {t("surveys.new")}
        </Button>
      )}
      {surveys.length === 0 && <Empty description={t("surveys.none")} />}
      {surveys.map((survey) => {
        const definition = survey.definition as unknown as SurveyDefinition;
        return (
          <Card
            key={survey.id}
            size="small"
            title={definition.title}
            extra={
              <Space>
                <Typography.Text type="secondary">
                  {t("surveys.issued", { issued: survey.issued, responses: survey.responses })}
                </Typography.Text>
                {definition.indicatorCode !== null && (
                  <Tag color="blue">{t("surveys.feeds", { code: definition.indicatorCode })}</Tag>
                )}
                {organiser && (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    disabled={survey.responses > 0}
                    title={survey.responses > 0 ? t("surveys.lockedHint") : undefined}
                    onClick={() => setEditing({ survey, form: toForm(definition, unitRows(survey)) })}
                  >
                    {t("surveys.edit")}
                  </Button>
                )}
              </Space>
            }
          >
            <Tabs
              size="small"
              items={[
                {
                  key: "results",
                  label: t("surveys.results"),
                  children: (
                    <SurveyResults
                      surveyId={survey.id}
                      keyQuestion={definition.keyQuestion}
                      version={survey.responses + survey.issued}
                    />
                  ),
                },
                ...(organiser
                  ? [
                      {
                        key: "issue",
                        label: t("surveys.issue"),
                        children: (
                          <IssueLinks
                            surveyId={survey.id}
                            title={definition.title}
                            units={survey.units}
                            groups={definition.groups}
                            onIssued={loaded.reload}
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        );
      })}
      {editing !== null && (
        <SurveyBuilder
          campaignId={campaign.id}
          schemeVersionId={campaign.schemeVersionId}
          survey={editing.survey === null ? null : { id: editing.survey.id, version: editing.survey.version }}
          initial={editing.form}
          indicators={indicators}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            loaded.reload();
          }}
        />
      )}
    </Space>
  );
}
