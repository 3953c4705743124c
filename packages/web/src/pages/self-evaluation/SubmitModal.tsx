/** The completeness check before submitting: what is missing, each linked to where it is fixed; else a confirmation. */
import { Alert, List, Modal, Typography } from "antd";
import type { ErrorDetail } from "../../api/errors.js";
import { useI18n } from "../../i18n/i18n.js";
import { indicatorOfPath, type Missing } from "./completeness.js";

interface Props {
  open: boolean;
  missing: Missing[];
  /** What the server refused the submission for (422 incomplete), or another failure. */
  refused: { message: string; details: ErrorDetail[] } | null;
  submitting: boolean;
  onSubmit(): void;
  onCancel(): void;
  onGoto(target: { indicator: string } | { tab: "data" }): void;
}

export function SubmitModal({ open, missing, refused, submitting, onSubmit, onCancel, onGoto }: Props) {
  const { t } = useI18n();
  const complete = missing.length === 0 && refused === null;
  const link = (label: string, target: { indicator: string } | { tab: "data" }) => (
    <Typography.Link onClick={() => onGoto(target)}>{label}</Typography.Link>
  );
  const describe = (m: Missing) => {
    switch (m.kind) {
      case "indicator":
        return (
          <>
            {link(`${m.code} ${m.name}`, { indicator: m.code })}：{t("self.submit.notFilled")}
          </>
        );
      case "field":
        return (
          <>
            {link(m.name, { tab: "data" })}：{t("self.submit.fieldEmpty")}
          </>
        );
      case "violation":
        return (
          <>
            {link(m.cell, { tab: "data" })}：{m.message}
          </>
        );
      case "problem":
        return m.code === null ? (
          m.message
        ) : (
          <>
            {link(m.code, { indicator: m.code })}：{m.message}
          </>
        );
    }
  };
  return (
    <Modal
      open={open}
      title={t("self.submit.title")}
      okText={t("self.submit.confirm")}
      okButtonProps={{ disabled: !complete, loading: submitting }}
      cancelText={t("self.submit.cancel")}
      onOk={onSubmit}
      onCancel={onCancel}
      width={640}
    >
      {complete ? (
        <Alert
          type="success"
          showIcon
          title={t("self.submit.complete")}
          description={t("self.submit.lockNote")}
        />
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            title={t("self.submit.incomplete", { count: missing.length + (refused?.details.length ?? 0) })}
          />
          <List
            size="small"
            style={{ marginTop: 12, maxHeight: 360, overflow: "auto" }}
            dataSource={missing}
            renderItem={(m) => <List.Item>{describe(m)}</List.Item>}
          />
          {refused !== null && (
            <List
              size="small"
              header={refused.message}
              dataSource={refused.details}
              renderItem={(d) => {
                const code = indicatorOfPath(d.path);
                return (
                  <List.Item>
                    {code === null ? d.path : link(code, { indicator: code })}：{d.message}
                  </List.Item>
                );
              }}
            />
          )}
        </>
      )}
    </Modal>
  );
}
