/**
 * The campaign's review tab (`?tab=review`): for the organiser the review assignments with the conflict rule, the
 * review progress per unit and group, and the sampling draws; others see what the API lets them read (reviewers
 * and viewers the draws and their verification), and nothing broken where it refuses.
 */
import { Alert, Space } from "antd";
import { api, call } from "../../api/client.js";
import { loadAll } from "../../api/load-all.js";
import { optional } from "../../api/optional.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import type { CampaignTabProps } from "../campaign-tab.js";
import { AssignmentCard } from "./AssignmentCard.js";
import { DrawCard } from "./DrawCard.js";
import { ReviewProgressCard } from "./ReviewProgressCard.js";
import type { Draw } from "./review-types.js";

/** The units of the latest draw (实地评估 goes to them), by code. */
function drawnCodes(draws: readonly Draw[] | null): Set<string> {
  const latest = [...(draws ?? [])].sort((x, y) => y.createdAt.localeCompare(x.createdAt))[0];
  const result = latest?.result as { selected?: string[] } | undefined;
  return new Set(result?.selected ?? []);
}

export default function CampaignReviewTab({ campaign }: CampaignTabProps) {
  const { t } = useI18n();
  const id = campaign.id;
  const { data, error, reload } = useApi(async () => {
    const path = { id };
    const [assignments, progress, draws, units] = await Promise.all([
      optional(call(api.GET("/api/v1/campaigns/{id}/assignments", { params: { path } }))),
      optional(call(api.GET("/api/v1/campaigns/{id}/review-progress", { params: { path } }))),
      optional(call(api.GET("/api/v1/campaigns/{id}/draws", { params: { path, query: { limit: 500 } } }))),
      optional(call(api.GET("/api/v1/campaigns/{id}/units", { params: { path, query: { limit: 500 } } }))),
    ]);
    // Who may be assigned and where they belong, for the conflict rule: only the organiser needs (and may read) these.
    const [users, organisations] =
      assignments === null
        ? [null, null]
        : await Promise.all([
            optional(
              loadAll((offset) =>
                call(api.GET("/api/v1/users", { params: { query: { limit: 500, offset } } })),
              ),
            ),
            optional(
              loadAll((offset) =>
                call(api.GET("/api/v1/organisations", { params: { query: { limit: 500, offset } } })),
              ),
            ),
          ]);
    return {
      assignments,
      progress,
      draws: draws?.items ?? null,
      units: units?.items ?? [],
      users,
      organisations,
    };
  }, [id]);

  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  // A reload after saving keeps the cards on screen (no spinner over the whole tab).
  if (data === undefined) return <PageSpinner />;
  const organiser = data.assignments !== null;
  if (!organiser && data.progress === null && data.draws === null) {
    return <Alert type="info" showIcon title={t("draw.readOnly")} />;
  }
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {data.assignments !== null && (
        <AssignmentCard
          campaign={campaign}
          assignments={data.assignments}
          units={data.units}
          users={data.users ?? []}
          organisations={data.organisations ?? []}
          onSaved={reload}
        />
      )}
      {data.draws !== null && (
        <DrawCard
          campaign={campaign}
          draws={data.draws}
          units={data.units}
          canDraw={organiser}
          onDrawn={reload}
        />
      )}
      {data.progress !== null && (
        <ReviewProgressCard campaign={campaign} progress={data.progress} drawn={drawnCodes(data.draws)} />
      )}
    </Space>
  );
}
