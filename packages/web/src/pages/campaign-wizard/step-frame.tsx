/**
 * What every wizard step shares: saving with the server's errors put at the step's fields (the rest in an alert
 * above the buttons), and the 上一步 / 下一步 buttons.
 */
import { Alert, Button, type FormInstance, Space } from "antd";
import { type ReactNode, useState } from "react";
import { ApiError, networkError } from "../../api/errors.js";
import { useI18n } from "../../i18n/i18n.js";
import { type FieldName, fieldErrorsOf } from "./wizard-model.js";

interface Failure {
  error: ApiError;
  rest: string[];
}

export function useStepSave(form: FormInstance | null, resolve: (segments: FieldName) => FieldName | null) {
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const run = async (action: () => Promise<void>) => {
    setSaving(true);
    setFailure(null);
    try {
      await action();
    } catch (cause) {
      const error = cause instanceof ApiError ? cause : networkError(cause);
      const { fields, rest } = fieldErrorsOf(error, resolve);
      form?.setFields(fields);
      setFailure({ error, rest });
    } finally {
      setSaving(false);
    }
  };
  return { saving, failure, run };
}

export function StepFailure({ failure }: { failure: Failure | null }) {
  const { lang, t } = useI18n();
  if (failure === null) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={failure.error.messageIn(lang)}
      description={
        failure.rest.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {failure.rest.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : failure.error.details.length > 0 ? (
          t("wizard.fixFields")
        ) : undefined
      }
    />
  );
}

export function StepActions({
  onBack,
  onNext,
  saving,
  nextLabel,
  extra,
}: {
  onBack?: (() => void) | undefined;
  onNext?: () => void;
  saving?: boolean;
  nextLabel?: string;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Space style={{ width: "100%", justifyContent: "flex-end" }}>
      {onBack !== undefined && <Button onClick={onBack}>{t("wizard.back")}</Button>}
      {extra}
      {onNext !== undefined && (
        <Button type="primary" loading={saving ?? false} onClick={onNext}>
          {nextLabel ?? t("wizard.next")}
        </Button>
      )}
    </Space>
  );
}
