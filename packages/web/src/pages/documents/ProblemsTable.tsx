/** Located problems of an upload (a workbook's sheet and cell, a template's placeholder) with what is wrong. */
import { Table } from "antd";
import type { ErrorDetail } from "../../api/errors.js";
import { useI18n } from "../../i18n/i18n.js";

export function ProblemsTable({ problems }: { problems: readonly ErrorDetail[] }) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      rowKey={(p) => `${p.path}\u0000${p.message}`}
      dataSource={[...problems]}
      pagination={problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      columns={[
        { title: t("documents.problemWhere"), dataIndex: "path", width: 200 },
        { title: t("documents.problemWhat"), dataIndex: "message" },
      ]}
    />
  );
}
