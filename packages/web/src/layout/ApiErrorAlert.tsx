/** An API error as an alert: the server's message in the user's language, its details, and a retry. */
import { Alert, Button } from "antd";
import type { ApiError } from "../api/errors.js";
import { useI18n } from "../i18n/i18n.js";

export function ApiErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      title={error.messageIn(lang)}
      description={
        error.details.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {error.details.map((d) => (
              <li key={`${d.path}:${d.message}`}>
                {d.path}: {d.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry === undefined ? undefined : (
          <Button size="small" onClick={onRetry}>
            {t("app.retry")}
          </Button>
        )
      }
    />
  );
}
