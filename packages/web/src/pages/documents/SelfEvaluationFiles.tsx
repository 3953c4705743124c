/**
 * A self-evaluation's files: the 自评报告 in Word, the offline workbook to fill in Excel, WPS or LibreOffice and
 * import back (while the unit may still edit), and the evidence archive.
 */
import { DownOutlined, FileExcelOutlined, FileWordOutlined, FileZipOutlined } from "@ant-design/icons";
import { App, Button, Dropdown, Space } from "antd";
import { downloadFile } from "../../api/download-file.js";
import { errorText } from "../../api/errors.js";
import type { SelfEvaluation, WorkbookImport } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { ImportWorkbookButton } from "./ImportWorkbookButton.js";
import { links } from "./links.js";

interface Props {
  view: SelfEvaluation;
  /** The workbook may be imported: the self-evaluation is editable by this person. */
  importable: boolean;
  onImported(): void;
}

export function SelfEvaluationFiles({ view, importable, onImported }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const campaignId = view.campaignId;
  const unit = view.unit;
  const download = (url: string, fileName: string) =>
    downloadFile(url, fileName).catch((e: unknown) => message.error(errorText(e, lang)));
  const describe = (s: WorkbookImport) =>
    s.itemsChanged.length === 0 && !s.dataChanged && s.tablesChanged.length === 0
      ? t("documents.importedNothing")
      : t("documents.imported", {
          changed: s.itemsChanged.length,
          unchanged: s.itemsUnchanged,
          tables: s.tablesChanged.length,
        });

  return (
    <Space>
      <Dropdown
        menu={{
          items: [
            {
              key: "report",
              icon: <FileWordOutlined />,
              label: t("documents.selfReport"),
              onClick: () =>
                void download(
                  links.document(campaignId, "self_evaluation_report", unit.id),
                  `${unit.code} ${unit.name} 自评报告.docx`,
                ),
            },
            {
              key: "workbook",
              icon: <FileExcelOutlined />,
              label: t("documents.workbook"),
              onClick: () =>
                void download(
                  links.selfEvaluationWorkbook(campaignId, unit.id),
                  `${unit.code} ${unit.name}.xlsx`,
                ),
            },
            {
              key: "archive",
              icon: <FileZipOutlined />,
              label: <a href={links.unitArchive(campaignId, unit.id)}>{t("documents.unitArchive")}</a>,
            },
          ],
        }}
      >
        <Button>
          {t("documents.menu")} <DownOutlined />
        </Button>
      </Dropdown>
      {importable && (
        <ImportWorkbookButton<WorkbookImport>
          url={links.selfEvaluationWorkbook(campaignId, unit.id)}
          label={t("documents.importWorkbook")}
          describe={describe}
          onImported={onImported}
        />
      )}
    </Space>
  );
}
