/** An item's status tag, with a red 逾期 tag beside it when it is overdue. */
import { Tag } from "antd";
import { useI18n } from "../../i18n/i18n.js";
import { type Item, STATUS_COLOURS } from "./rectification-types.js";

export function StatusTags({ item }: { item: Pick<Item, "status" | "overdue"> }) {
  const { t } = useI18n();
  return (
    <>
      <Tag color={STATUS_COLOURS[item.status]}>{t(`rectification.status.${item.status}`)}</Tag>
      {item.overdue ? <Tag color="red">{t("rectification.overdue")}</Tag> : null}
    </>
  );
}
