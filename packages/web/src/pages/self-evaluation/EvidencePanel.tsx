/** 佐证材料 of one indicator: drag-and-drop upload with a progress bar, the files with preview, download and delete. */
import { InboxOutlined } from "@ant-design/icons";
import { App, Button, List, Popconfirm, Progress, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { ApiError, errorText } from "../../api/errors.js";
import { useSignedIn } from "../../auth/session.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import type { Evidence } from "./types.js";
import { uploadEvidence } from "./upload-evidence.js";

interface Props {
  campaignId: string;
  organisationId: string;
  indicatorCode: string;
  files: Evidence[];
  editable: boolean;
  onChanged(): void;
}

const PREVIEWABLE = /^(application\/pdf|image\/)/;

function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Opens the file in a new tab from a blob: the server sends evidence as an attachment, the browser shows it inline. */
async function preview(file: Evidence) {
  const opened = window.open("", "_blank");
  const response = await fetch(`/api/v1/evidence/${file.id}`, { credentials: "same-origin" });
  const blob = await response.blob();
  const url = URL.createObjectURL(new Blob([blob], { type: file.contentType }));
  if (opened === null) window.location.assign(url);
  else opened.location.href = url;
}

export function EvidencePanel({
  campaignId,
  organisationId,
  indicatorCode,
  files,
  editable,
  onChanged,
}: Props) {
  const { t, lang } = useI18n();
  const { csrfToken } = useSignedIn();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const remove = async (file: Evidence) => {
    try {
      await call(api.DELETE("/api/v1/evidence/{id}", { params: { path: { id: file.id } } }));
      onChanged();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  return (
    <Space direction="vertical" size={8} style={{ width: "100%" }}>
      {editable && (
        <Upload.Dragger
          multiple
          showUploadList={false}
          aria-label={t("self.evidence.upload")}
          customRequest={({ file, onProgress, onSuccess, onError }) => {
            const upload = file as File;
            setError(null);
            setUploading({ name: upload.name, percent: 0 });
            uploadEvidence({
              campaignId,
              organisationId,
              indicatorCode,
              file: upload,
              csrfToken,
              onProgress: (percent) => {
                setUploading({ name: upload.name, percent });
                onProgress?.({ percent });
              },
            }).done.then(
              (saved) => {
                setUploading(null);
                onSuccess?.(saved);
                message.success(t("self.evidence.uploaded", { name: saved.name }));
                onChanged();
              },
              (e: unknown) => {
                setUploading(null);
                const text = errorText(e, lang);
                const details = e instanceof ApiError ? e.details.map((d) => d.message).join("；") : "";
                setError(details === "" ? text : `${text}：${details}`);
                onError?.(e as Error);
              },
            );
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t("self.evidence.drop")}</p>
          <p className="ant-upload-hint">{t("self.evidence.hint")}</p>
        </Upload.Dragger>
      )}
      {uploading !== null && (
        <div>
          <Typography.Text>{t("self.evidence.uploading", { name: uploading.name })}</Typography.Text>
          <Progress percent={uploading.percent} size="small" aria-label={t("self.evidence.progress")} />
        </div>
      )}
      {error !== null && <Typography.Text type="danger">{error}</Typography.Text>}
      <List
        size="small"
        bordered
        locale={{ emptyText: t("self.evidence.none") }}
        dataSource={files}
        renderItem={(file) => (
          <List.Item
            actions={[
              PREVIEWABLE.test(file.contentType) ? (
                <Button key="preview" type="link" size="small" onClick={() => void preview(file)}>
                  {t("self.evidence.preview")}
                </Button>
              ) : null,
              <a key="download" href={`/api/v1/evidence/${file.id}`} download={file.name}>
                {t("self.evidence.download")}
              </a>,
              editable ? (
                <Popconfirm
                  key="delete"
                  title={t("self.evidence.confirmDelete", { name: file.name })}
                  onConfirm={() => void remove(file)}
                >
                  <Button type="link" size="small" danger>
                    {t("self.evidence.delete")}
                  </Button>
                </Popconfirm>
              ) : null,
            ].filter((a) => a !== null)}
          >
            <List.Item.Meta
              title={file.name}
              description={`${sizeLabel(file.size)} · ${formatDateTime(file.uploadedAt)}`}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
