/**
 * The questionnaire behind a one-time link (/s/:token), without signing in: phone-first, one column, every
 * question a card; required questions are checked before sending, a used link shows so instead of the form.
 */
import { Alert, Button, Card, Checkbox, Input, Radio, Result, Space, Typography } from "antd";
import { useState } from "react";
import { useParams } from "react-router";
import { api, call } from "../../api/client.js";
import { errorText } from "../../api/errors.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import type { SurveyQuestion } from "./survey-types.js";

type Answer = string | string[];

function QuestionInput({
  question,
  value,
  onChange,
}: {
  question: SurveyQuestion;
  value: Answer | undefined;
  onChange(value: Answer): void;
}) {
  switch (question.type) {
    case "text":
      return (
        <Input.TextArea
          rows={3}
          maxLength={question.maxLength ?? 500}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "multiple":
      return (
        <Checkbox.Group
          style={{ display: "flex", flexDirection: "column", gap: 12 }}
          value={Array.isArray(value) ? value : []}
          onChange={(checked) => onChange(checked as string[])}
          options={question.options.map((o) => ({ value: o.code, label: o.text }))}
        />
      );
    default: {
      const options =
        question.type === "likert"
          ? question.levels.map((l) => ({ value: l.code, label: l.name }))
          : question.options.map((o) => ({ value: o.code, label: o.text }));
      return (
        <Radio.Group
          style={{ display: "flex", flexDirection: "column", gap: 12 }}
          value={value}
          onChange={(e) => onChange(e.target.value as string)}
          options={options}
        />
      );
    }
  }
}

export default function PublicSurveyPage() {
  const { token = "" } = useParams();
  const { t, lang } = useI18n();
  const loaded = useApi(
    () => call(api.GET("/api/v1/public/surveys/{token}", { params: { path: { token } } })),
    [token],
  );
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [state, setState] = useState<"form" | "sending" | "done">("form");
  const [error, setError] = useState<string>();

  if (loaded.error !== undefined) return <ApiErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <PageSpinner />;
  const survey = loaded.data;
  const questions = survey.questions as unknown as SurveyQuestion[];
  const frame = (children: React.ReactNode) => (
    <div style={{ maxWidth: 640, margin: "0 auto", padding: "16px 12px 48px" }}>{children}</div>
  );
  if (survey.used) return frame(<Result status="warning" title={t("surveys.public.used")} />);
  if (state === "done") return frame(<Result status="success" title={t("surveys.public.thanks")} />);

  const submit = async () => {
    const unanswered = questions
      .filter((q) => q.required)
      .filter((q) => {
        const a = answers[q.code];
        return a === undefined || a === "" || (Array.isArray(a) && a.length === 0);
      })
      .map((q) => q.code);
    setMissing(unanswered);
    if (unanswered.length > 0) {
      document.getElementById(`q-${unanswered[0]}`)?.scrollIntoView({ behavior: "smooth", block: "center" });
      return;
    }
    setState("sending");
    setError(undefined);
    try {
      await call(
        api.POST("/api/v1/public/surveys/{token}", { params: { path: { token } }, body: { answers } }),
      );
      setState("done");
    } catch (e) {
      setError(errorText(e, lang));
      setState("form");
    }
  };

  return frame(
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ marginBottom: 0 }}>
        {survey.title}
      </Typography.Title>
      <Space direction="vertical" size={0}>
        <Typography.Text type="secondary">
          {t("surveys.public.unit", { unit: survey.unitName })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t("surveys.public.group", { group: survey.groupName })}
        </Typography.Text>
      </Space>
      {survey.intro !== "" && <Typography.Paragraph>{survey.intro}</Typography.Paragraph>}
      <Alert type="info" showIcon message={t("surveys.public.anonymous")} />
      {questions.map((q, i) => (
        <Card
          key={q.code}
          id={`q-${q.code}`}
          size="small"
          title={
            <span style={{ whiteSpace: "normal" }}>
              {q.required && <span style={{ color: "#cf1322" }}>* </span>}
              {i + 1}. {q.text}
            </span>
          }
          style={missing.includes(q.code) ? { borderColor: "#cf1322" } : undefined}
        >
          <QuestionInput
            question={q}
            value={answers[q.code]}
            onChange={(value) => {
              setAnswers((a) => ({ ...a, [q.code]: value }));
              setMissing((m) => m.filter((c) => c !== q.code));
            }}
          />
          {missing.includes(q.code) && (
            <Typography.Text type="danger">{t("surveys.public.required")}</Typography.Text>
          )}
        </Card>
      ))}
      {error !== undefined && <Alert type="error" showIcon message={error} />}
      <Button type="primary" size="large" block loading={state === "sending"} onClick={submit}>
        {t("surveys.public.submit")}
      </Button>
    </Space>,
  );
}
