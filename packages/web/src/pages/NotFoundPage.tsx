import { Button, Result } from "antd";
import { useNavigate } from "react-router";
import { useI18n } from "../i18n/i18n.js";

export default function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t("app.notFound")}
      extra={
        <Button type="primary" onClick={() => navigate("/")}>
          {t("app.toHome")}
        </Button>
      }
    />
  );
}
