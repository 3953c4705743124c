import { Spin } from "antd";
import { useI18n } from "../i18n/i18n.js";

export function PageSpinner() {
  const { t } = useI18n();
  return (
    <div style={{ padding: 64, textAlign: "center" }}>
      <Spin description={t("app.loading")}>
        <div style={{ height: 48 }} />
      </Spin>
    </div>
  );
}
