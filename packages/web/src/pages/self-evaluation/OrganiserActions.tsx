/** The organiser's decisions on a submitted self-evaluation: 退回 with a reason, or 初审通过. */
import { App, Button, Form, Input, Modal, Space } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { errorText } from "../../api/errors.js";
import { useI18n } from "../../i18n/i18n.js";
import type { SelfEvaluation } from "./types.js";

export function OrganiserActions({ view, onDone }: { view: SelfEvaluation; onDone(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = { campaignId: view.campaignId, organisationId: view.unit.id };

  const decide = async (kind: "return" | "accept") => {
    setBusy(true);
    setError(null);
    try {
      if (kind === "return")
        await call(
          api.POST("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}/return", {
            params: { path },
            body: { version: view.version, reason: reason.trim() },
          }),
        );
      else
        await call(
          api.POST("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}/accept", {
            params: { path },
            body: { version: view.version },
          }),
        );
      setOpen(false);
      message.success(t(kind === "return" ? "self.organiser.returned" : "self.organiser.accepted"));
      onDone();
    } catch (e) {
      const text = errorText(e, lang);
      if (kind === "return") setError(text);
      else message.error(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space>
      <Button danger onClick={() => setOpen(true)}>
        {t("self.organiser.return")}
      </Button>
      <Button type="primary" loading={busy && !open} onClick={() => void decide("accept")}>
        {t("self.organiser.accept")}
      </Button>
      <Modal
        open={open}
        title={t("self.organiser.returnTitle", { unit: view.unit.name })}
        okText={t("self.organiser.return")}
        okButtonProps={{ danger: true, disabled: reason.trim() === "", loading: busy }}
        onOk={() => void decide("return")}
        onCancel={() => setOpen(false)}
      >
        <Form layout="vertical" component="div">
          <Form.Item
            label={t("self.organiser.reason")}
            required
            validateStatus={error === null ? undefined : "error"}
            help={error ?? undefined}
          >
            <Input.TextArea
              aria-label={t("self.organiser.reason")}
              value={reason}
              showCount
              maxLength={2000}
              autoSize={{ minRows: 3 }}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
