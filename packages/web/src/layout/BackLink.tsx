/** 返回: the link at the start of a page's title back to where the user came from (`-1`) or to a given page. */
import { Button } from "antd";
import { useNavigate } from "react-router";
import { useI18n } from "../i18n/i18n.js";

export function BackLink({ to }: { to: string | -1 }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Button
      type="link"
      size="small"
      style={{ paddingInline: 0 }}
      onClick={() => (to === -1 ? navigate(-1) : navigate(to))}
    >
      {t("app.back")}
    </Button>
  );
}
