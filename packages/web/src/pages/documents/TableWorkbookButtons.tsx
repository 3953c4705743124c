/** A base-data table in Excel: download it (the template with the current values) and import it back. */
import { FileExcelOutlined } from "@ant-design/icons";
import { Space } from "antd";
import type { SelfEvaluation, TableWorkbookImport } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { DownloadButton } from "./DownloadButton.js";
import { ImportWorkbookButton } from "./ImportWorkbookButton.js";
import { links } from "./links.js";

interface Props {
  view: SelfEvaluation;
  table: { code: string; name: string };
  importable: boolean;
  onImported(): void;
}

export function TableWorkbookButtons({ view, table, importable, onImported }: Props) {
  const { t } = useI18n();
  const url = links.tableWorkbook(view.campaignId, view.unit.id, table.code);
  return (
    <Space size={4}>
      <DownloadButton
        size="small"
        url={url}
        fileName={`${view.unit.name}-${table.code} ${table.name}.xlsx`}
        icon={<FileExcelOutlined />}
      >
        {t("documents.tableTemplate")}
      </DownloadButton>
      {importable && (
        <ImportWorkbookButton<TableWorkbookImport>
          size="small"
          url={url}
          label={t("documents.tableImport")}
          describe={(s) =>
            t("documents.tableImported", {
              rows: s.rows,
              written: s.rowsWritten,
              deleted: s.rowsDeleted,
              unchanged: s.rowsUnchanged,
            })
          }
          onImported={onImported}
        />
      )}
    </Space>
  );
}
