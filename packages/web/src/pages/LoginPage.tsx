/** 用户登录: username and password; the server's errors at the fields or above the form (lockout included). */
import { LockOutlined, TranslationOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { ApiError } from "../api/errors.js";
import { useSession } from "../auth/session.js";
import { useI18n } from "../i18n/i18n.js";
import { SEAL_RED } from "../theme.js";

interface Fields {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { session, login } = useSession();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? "/";

  if (session) return <Navigate to={from} replace />;

  async function submit(values: Fields) {
    setBusy(true);
    setError(null);
    try {
      await login(values.username, values.password);
      navigate(from, { replace: true });
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : null;
      if (apiError !== null) {
        const fields = apiError.fieldErrors();
        form.setFields(
          (["username", "password"] as const)
            .filter((name) => fields[name] !== undefined)
            .map((name) => ({ name, errors: fields[name] ?? [] })),
        );
      }
      setError(apiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        flexDirection: "column",
        background: "linear-gradient(160deg, #163a73 0%, #1f4e96 45%, #e9eef6 45%, #f0f2f5 100%)",
      }}
    >
      <div style={{ display: "flex", justifyContent: "flex-end", padding: 16 }}>
        <Button
          ghost
          size="small"
          icon={<TranslationOutlined />}
          onClick={() => setLang(lang === "zh" ? "en" : "zh")}
        >
          {t("app.language")}
        </Button>
      </div>
      <div style={{ flex: 1, display: "flex", alignItems: "center", justifyContent: "center", padding: 16 }}>
        <div style={{ width: 400, maxWidth: "100%" }}>
          <div style={{ textAlign: "center", marginBottom: 24, color: "#fff" }}>
            <span
              style={{
                display: "inline-flex",
                width: 56,
                height: 56,
                borderRadius: 6,
                background: SEAL_RED,
                fontSize: 34,
                fontWeight: 700,
                alignItems: "center",
                justifyContent: "center",
                boxShadow: "0 2px 8px rgba(0,0,0,0.25)",
              }}
            >
              考
            </span>
            <div style={{ fontSize: 28, fontWeight: 600, letterSpacing: 4, marginTop: 8 }}>
              {t("app.name")}
            </div>
            <div style={{ opacity: 0.85 }}>{t("app.subtitle")}</div>
          </div>
          <Card
            title={t("login.title")}
            variant="borderless"
            style={{ boxShadow: "0 4px 16px rgba(22,58,115,0.15)" }}
          >
            {error !== null && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                title={error.messageIn(lang)}
                description={error.code === "account_locked" ? t("login.lockedHint") : undefined}
              />
            )}
            <Form<Fields>
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={submit}
              autoComplete="on"
            >
              <Form.Item
                name="username"
                label={t("login.username")}
                rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
              >
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
              </Form.Item>
              <Form.Item
                name="password"
                label={t("login.password")}
                rules={[{ required: true, message: t("login.passwordRequired") }]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block size="large" loading={busy}>
                {t("login.submit")}
              </Button>
            </Form>
          </Card>
          <Typography.Paragraph type="secondary" style={{ textAlign: "center", marginTop: 16 }}>
            {t("login.intro")}
          </Typography.Paragraph>
        </div>
      </div>
    </div>
  );
}
