/** A case's state as a tag: overdue (超期), open, closed on time or late. */
import { Tag } from "antd";
import { useI18n } from "../../i18n/i18n.js";
import type { CaseSummary } from "./case-types.js";

export function CaseStatusTag({ item }: { item: Pick<CaseSummary, "overdue" | "closedOnTime"> }) {
  const { t } = useI18n();
  if (item.closedOnTime === true) return <Tag color="green">{t("cases.onTime")}</Tag>;
  if (item.closedOnTime === false) return <Tag color="orange">{t("cases.late")}</Tag>;
  if (item.overdue) return <Tag color="red">{t("cases.overdue")}</Tag>;
  return <Tag color="blue">{t("cases.open")}</Tag>;
}
