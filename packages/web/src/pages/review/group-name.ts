/** A rater group's name for display: the campaign's name for it, 评估组 for the one group of a scheme without raters. */
import { useCallback } from "react";
import { useI18n } from "../../i18n/i18n.js";
import { REVIEW_GROUP } from "./review-types.js";

export function useGroupName(names: Readonly<Record<string, string>>): (code: string) => string {
  const { t } = useI18n();
  return useCallback(
    (code: string) => names[code] ?? (code === REVIEW_GROUP ? t("review.group.review") : code),
    [names, t],
  );
}
