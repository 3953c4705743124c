/**
 * 评审打分: a reviewer's score sheet for one unit and rater group. The unit's self-evaluation (narratives, evidence,
 * base data, report, and self-scores unless the campaign hides them) sits beside the entry; the entry matches how
 * the group scores (a total, or per indicator); findings are recorded per indicator. Saved automatically or with
 * the button, submitted with a confirmation, read-only afterwards.
 */
import { Alert, Button, Card, Result } from "antd";
import { useNavigate, useParams } from "react-router";
import { api, call } from "../../api/client.js";
import { optional } from "../../api/optional.js";
import { useApi } from "../../api/use-api.js";
import { useSignedIn } from "../../auth/session.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { SheetEditor } from "./SheetEditor.js";

export default function ReviewEntryPage() {
  const { campaignId = "", organisationId = "", groupCode = "" } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const session = useSignedIn();
  const { data, error, loading, reload } = useApi(async () => {
    const path = { id: campaignId, orgId: organisationId };
    const [campaign, review, self, findings] = await Promise.all([
      call(api.GET("/api/v1/campaigns/{id}", { params: { path: { id: campaignId } } })),
      call(api.GET("/api/v1/campaigns/{id}/units/{orgId}/review", { params: { path } })),
      optional(
        call(
          api.GET("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}", {
            params: { path: { campaignId, organisationId } },
          }),
        ),
      ),
      optional(
        call(
          api.GET("/api/v1/campaigns/{id}/units/{orgId}/findings", {
            params: { path, query: { limit: 500 } },
          }),
        ),
      ),
    ]);
    const scheme = await optional(
      call(api.GET("/api/v1/scheme-versions/{id}", { params: { path: { id: campaign.schemeVersionId } } })),
    );
    return { campaign, review, self, findings: findings?.items ?? [], scheme };
  }, [campaignId, organisationId]);

  if (error?.status === 403) {
    const own = session.user.organisationId === organisationId;
    return (
      <Card size="small">
        <Result
          status="warning"
          title={t("review.entry.forbiddenTitle")}
          subTitle={own ? t("review.entry.conflict") : t("review.entry.notAssigned")}
          extra={
            <Button type="primary" onClick={() => navigate("/reviews")}>
              {t("review.entry.toList")}
            </Button>
          }
        />
      </Card>
    );
  }
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;
  if (!data.review.groups.includes(groupCode)) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t("review.entry.notAssigned")}
        action={<Button onClick={() => navigate("/reviews")}>{t("review.entry.toList")}</Button>}
      />
    );
  }
  return (
    <SheetEditor
      key={`${organisationId}:${groupCode}`}
      groupCode={groupCode}
      campaign={data.campaign}
      review={data.review}
      self={data.self}
      scheme={data.scheme}
      findings={data.findings}
    />
  );
}
