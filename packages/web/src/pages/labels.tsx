/** Status tags shared by the pages. */
import { Tag } from "antd";
import type { CampaignSummary, SelfEvaluationStatus } from "../api/types.js";
import { useI18n } from "../i18n/i18n.js";

const CAMPAIGN_COLOURS = { draft: "default", running: "processing", published: "success" } as const;

export function CampaignStatusTag({ status }: { status: CampaignSummary["status"] }) {
  const { t } = useI18n();
  return <Tag color={CAMPAIGN_COLOURS[status]}>{t(`campaign.status.${status}`)}</Tag>;
}

const SELF_COLOURS = {
  draft: "processing",
  submitted: "cyan",
  returned: "warning",
  accepted: "success",
} as const;

export function SelfEvaluationTag({ status }: { status: SelfEvaluationStatus | null }) {
  const { t } = useI18n();
  if (status === null) return <Tag>{t("selfEvaluation.none")}</Tag>;
  return <Tag color={SELF_COLOURS[status]}>{t(`selfEvaluation.${status}`)}</Tag>;
}
