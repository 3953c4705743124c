/** A case type's stages in order, with the time allowed, who acts, and which stage dispatches, revisits, closes. */
import { Table, Tag, Typography } from "antd";
import { useI18n } from "../../i18n/i18n.js";
import type { CaseType } from "./case-types.js";

export function CaseTypeStages({ type }: { type: CaseType }) {
  const { t } = useI18n();
  const { dispatchStage, closingStage, revisitStage } = type.definition;
  return (
    <>
      <Typography.Paragraph>{t("cases.hoursToClose", { hours: type.hoursToClose })}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={type.definition.stages}
        columns={[
          { title: "#", key: "n", width: 48, render: (_: unknown, __, i) => i + 1 },
          { title: t("cases.stageCol"), dataIndex: "name" },
          {
            title: t("cases.hoursCol"),
            dataIndex: "hours",
            render: (h: number) => t("cases.hours", { hours: h }),
          },
          {
            title: t("cases.actorCol"),
            dataIndex: "actor",
            render: (a: "center" | "unit") => t(`cases.actor.${a}`),
          },
          {
            title: t("cases.roleCol"),
            dataIndex: "code",
            render: (code: string) => (
              <>
                {code === dispatchStage ? <Tag>{t("cases.role.dispatch")}</Tag> : null}
                {code === revisitStage ? <Tag>{t("cases.role.revisit")}</Tag> : null}
                {code === closingStage ? <Tag color="green">{t("cases.role.closing")}</Tag> : null}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
