/** The visible saved state: 保存中… / 已保存 HH:mm:ss / 保存失败. */
import { CheckCircleOutlined, ExclamationCircleOutlined, LoadingOutlined } from "@ant-design/icons";
import { Typography } from "antd";
import { ApiError } from "../../api/errors.js";
import { useI18n } from "../../i18n/i18n.js";
import type { SaveState } from "./autosave.js";

const pad = (n: number) => String(n).padStart(2, "0");

export function SaveBadge({ state }: { state: SaveState }) {
  const { t, lang } = useI18n();
  switch (state.kind) {
    case "idle":
      return null;
    case "pending":
      return <Typography.Text type="secondary">{t("self.save.pending")}</Typography.Text>;
    case "saving":
      return (
        <Typography.Text type="secondary" role="status">
          <LoadingOutlined /> {t("self.save.saving")}
        </Typography.Text>
      );
    case "saved": {
      const time = `${pad(state.at.getHours())}:${pad(state.at.getMinutes())}:${pad(state.at.getSeconds())}`;
      return (
        <Typography.Text type="success" role="status">
          <CheckCircleOutlined /> {t("self.save.saved", { time })}
        </Typography.Text>
      );
    }
    case "error":
      return (
        <Typography.Text type="danger" role="status">
          <ExclamationCircleOutlined /> {t("self.save.failed")}
          {state.error instanceof ApiError ? `：${state.error.messageIn(lang)}` : ""}
        </Typography.Text>
      );
    case "conflict":
      return (
        <Typography.Text type="danger" role="status">
          <ExclamationCircleOutlined /> {t("self.save.conflict")}
        </Typography.Text>
      );
  }
}
