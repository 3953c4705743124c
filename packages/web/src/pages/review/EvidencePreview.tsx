/**
 * 佐证材料预览: images inline, PDFs in a frame, anything else as a download. The file is fetched with the session
 * and shown from a blob URL, because the server sends evidence as an attachment (so a plain frame would download it).
 */
import { PaperClipOutlined } from "@ant-design/icons";
import { Alert, Button, Drawer, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import type { Evidence } from "./review-types.js";

const fileUrl = (id: string) => `/api/v1/evidence/${encodeURIComponent(id)}`;

export function previewKind(contentType: string): "image" | "pdf" | "download" {
  if (contentType.startsWith("image/")) return "image";
  return contentType === "application/pdf" ? "pdf" : "download";
}

function useBlobUrl(evidence: Evidence | null): { url: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    if (evidence === null || previewKind(evidence.contentType) === "download") return;
    let url: string | null = null;
    let current = true;
    setState({ url: null, failed: false });
    fetch(fileUrl(evidence.id), { credentials: "same-origin" })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then((blob) => {
        if (!current) return;
        url = URL.createObjectURL(new Blob([blob], { type: evidence.contentType }));
        setState({ url, failed: false });
      })
      .catch(() => current && setState({ url: null, failed: true }));
    return () => {
      current = false;
      if (url !== null) URL.revokeObjectURL(url);
    };
  }, [evidence]);
  return state;
}

export function EvidencePreview({ evidence, onClose }: { evidence: Evidence | null; onClose(): void }) {
  const { t } = useI18n();
  const { url, failed } = useBlobUrl(evidence);
  const kind = evidence === null ? "download" : previewKind(evidence.contentType);
  return (
    <Drawer
      open={evidence !== null}
      onClose={onClose}
      size="large"
      title={evidence?.name ?? t("review.evidence.title")}
      extra={
        evidence !== null && (
          <Button href={fileUrl(evidence.id)} download={evidence.name}>
            {t("review.evidence.download")}
          </Button>
        )
      }
    >
      {evidence === null ? null : kind === "download" || failed ? (
        <Alert type="info" showIcon title={t("review.evidence.noPreview")} />
      ) : url === null ? (
        <PageSpinner />
      ) : kind === "image" ? (
        <img src={url} alt={evidence.name} style={{ maxWidth: "100%" }} />
      ) : (
        <iframe
          src={url}
          title={evidence.name}
          style={{ width: "100%", height: "calc(100vh - 140px)", border: 0 }}
        />
      )}
    </Drawer>
  );
}

/** The evidence of one indicator as links that open the preview. */
export function EvidenceLinks({ files, onOpen }: { files: Evidence[]; onOpen(file: Evidence): void }) {
  if (files.length === 0) return null;
  return (
    <Space size={[8, 0]} wrap>
      {files.map((f) => (
        <Typography.Link key={f.id} onClick={() => onOpen(f)} ellipsis style={{ maxWidth: 240 }}>
          <PaperClipOutlined /> {f.name}
        </Typography.Link>
      ))}
    </Space>
  );
}
