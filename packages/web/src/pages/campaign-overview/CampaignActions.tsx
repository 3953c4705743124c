/**
 * The organiser's campaign actions in the page header: a draft is continued in the wizard or started; a running
 * campaign moves to its next stage, after a confirmation naming the stage closed and the one opened.
 */
import { App, Button, Popconfirm, Space } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api, call } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import type { Campaign } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";

export function CampaignActions({ campaign, reload }: { campaign: Campaign; reload(): void }) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const stages = [...campaign.stages].sort((a, b) => a.position - b.position);
  const open = stages.find((s) => s.openedAt !== null && s.closedAt === null);
  const next =
    open === undefined ? undefined : stages.find((s) => s.position > open.position && s.openedAt === null);

  const act = async (action: "start" | "advance") => {
    setBusy(true);
    try {
      const params = { path: { id: campaign.id } };
      const body = { version: campaign.version };
      await call(
        action === "start"
          ? api.POST("/api/v1/campaigns/{id}/start", { params, body })
          : api.POST("/api/v1/campaigns/{id}/advance", { params, body }),
      );
      message.success(t(action === "start" ? "progress.started" : "progress.advanced"));
      reload();
    } catch (cause) {
      const error = cause instanceof ApiError ? cause : null;
      modal.error({
        title: error?.messageIn(lang) ?? t("error.unexpected"),
        content: error?.details.map((d) => d.message).join("；"),
      });
    } finally {
      setBusy(false);
    }
  };

  if (campaign.status === "draft")
    return (
      <Space>
        <Button onClick={() => navigate(`/campaigns/new?draft=${campaign.id}`)}>
          {t("progress.continue")}
        </Button>
        <Popconfirm
          title={t("wizard.review.startConfirm")}
          description={t("wizard.review.startHint")}
          okText={t("wizard.review.start")}
          cancelText={t("wizard.cancel")}
          onConfirm={() => act("start")}
        >
          <Button type="primary" loading={busy}>
            {t("wizard.review.start")}
          </Button>
        </Popconfirm>
      </Space>
    );
  if (campaign.status !== "running" || open === undefined) return null;
  return (
    <Popconfirm
      title={t("progress.advanceConfirm")}
      description={
        next === undefined
          ? t("progress.advanceLast", { stage: open.name })
          : t("progress.advanceHint", { stage: open.name, next: next.name })
      }
      okText={t("progress.advance")}
      cancelText={t("wizard.cancel")}
      onConfirm={() => act("advance")}
    >
      <Button type="primary" loading={busy}>
        {t("progress.advance")}
      </Button>
    </Popconfirm>
  );
}
