/**
 * Imports a filled workbook: the whole file or nothing. A refused file shows every problem with its sheet and cell
 * in a dialog; an accepted one says what changed (nothing, when the same file comes twice).
 */
import { UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Upload } from "antd";
import { useState } from "react";
import { ApiError, type ErrorDetail, errorText } from "../../api/errors.js";
import { uploadFile } from "../../api/upload-file.js";
import { useSignedIn } from "../../auth/session.js";
import { useI18n } from "../../i18n/i18n.js";
import { ProblemsTable } from "./ProblemsTable.js";

interface Props<Summary> {
  url: string;
  label: string;
  /** The success message for the server's summary. */
  describe(summary: Summary): string;
  onImported(summary: Summary): void;
  size?: "small" | "middle";
}

const XLSX = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function ImportWorkbookButton<Summary>({ url, label, describe, onImported, size }: Props<Summary>) {
  const { t, lang } = useI18n();
  const { csrfToken } = useSignedIn();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<{ title: string; details: ErrorDetail[] } | null>(null);

  const importFile = async (file: File) => {
    setBusy(true);
    const key = `import-${url}`;
    message.loading({ key, content: t("documents.importing", { file: file.name }), duration: 0 });
    try {
      const summary = await uploadFile<Summary>({ url, file, csrfToken }).done;
      message.success({ key, content: describe(summary) });
      onImported(summary);
    } catch (e) {
      message.destroy(key);
      if (e instanceof ApiError && e.details.length > 0)
        setProblems({ title: t("documents.importFailed", { count: e.details.length }), details: e.details });
      else message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Upload
        accept={XLSX}
        showUploadList={false}
        beforeUpload={(file) => {
          void importFile(file);
          return false;
        }}
      >
        <Button size={size} icon={<UploadOutlined />} loading={busy}>
          {label}
        </Button>
      </Upload>
      <Modal
        open={problems !== null}
        title={label}
        width={760}
        onCancel={() => setProblems(null)}
        footer={<Button onClick={() => setProblems(null)}>{t("documents.close")}</Button>}
      >
        {problems !== null && (
          <>
            <Alert type="error" showIcon message={problems.title} style={{ marginBottom: 12 }} />
            <ProblemsTable problems={problems.details} />
          </>
        )}
      </Modal>
    </>
  );
}
