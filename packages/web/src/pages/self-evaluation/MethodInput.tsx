/** The input that matches a leaf's method: a score with its bounds, deductions with counts, a checklist, a level. */
import { Checkbox, Form, InputNumber, Radio, Space, Typography } from "antd";
import { useI18n } from "../../i18n/i18n.js";
import { deductedPoints, type FieldMessage, type FormValue, type Method } from "./method-input.js";

interface Props {
  code: string;
  method: Method;
  max: number;
  value: FormValue;
  disabled: boolean;
  notApplicableAllowed: boolean;
  /** Local checks and the server's messages, by part of the form ("score", "deductions.A4.a", "" for the whole). */
  problems: Record<string, FieldMessage>;
  serverErrors: Record<string, string[]>;
  onChange(value: FormValue): void;
}

export function MethodInput({
  code,
  method,
  max,
  value,
  disabled,
  notApplicableAllowed,
  problems,
  serverErrors,
  onChange,
}: Props) {
  const { t } = useI18n();
  const messageOf = (part: string): string | undefined => {
    const local = problems[part];
    if (local !== undefined) return t(local.key, local.params);
    const server = serverErrors[part === "" ? "input" : `input.${part}`];
    return server?.join("；");
  };
  const status = (part: string) => (messageOf(part) === undefined ? undefined : ("error" as const));
  const off = disabled || value.na;

  const body = (() => {
    switch (method.type) {
      case "manual":
        return (
          <Form.Item
            label={t("self.input.score", { max: String(max) })}
            validateStatus={status("score")}
            help={messageOf("score")}
          >
            {/* No min/max on the control: it would silently clamp; the bounds are checked and the message shown. */}
            <InputNumber
              aria-label={t("self.input.scoreOf", { code })}
              step={method.step === undefined ? 1 : Number(method.step)}
              value={value.score ?? null}
              disabled={off}
              style={{ width: 160 }}
              onChange={(score) => onChange({ ...value, score: typeof score === "number" ? score : null })}
            />
            {method.step !== undefined && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {t("self.input.step", { step: String(method.step) })}
              </Typography.Text>
            )}
          </Form.Item>
        );
      case "deductions":
        return (
          <Form.Item label={t("self.input.deductions")} validateStatus={status("")} help={messageOf("")}>
            <Space direction="vertical" size={6} style={{ width: "100%" }}>
              {method.rules.map((rule) => {
                const count = value.deductions?.[rule.code] ?? 0;
                const part = `deductions.${rule.code}`;
                const set = (next: number) =>
                  onChange({ ...value, deductions: { ...(value.deductions ?? {}), [rule.code]: next } });
                return (
                  <div key={rule.code}>
                    <Space align="start" wrap>
                      <Checkbox
                        checked={count > 0}
                        disabled={off}
                        onChange={(e) => set(e.target.checked ? 1 : 0)}
                      >
                        {rule.text}
                        <Typography.Text type="secondary">
                          {" "}
                          {t(rule.perOccurrence ? "self.input.perTime" : "self.input.once", {
                            points: String(rule.points),
                          })}
                          {rule.cap !== undefined && t("self.input.cap", { cap: String(rule.cap) })}
                        </Typography.Text>
                      </Checkbox>
                      {rule.perOccurrence === true && (
                        <InputNumber
                          aria-label={t("self.input.countOf", { rule: rule.code })}
                          size="small"
                          min={0}
                          precision={0}
                          value={count}
                          disabled={off}
                          addonAfter={t("self.input.times")}
                          style={{ width: 120 }}
                          status={status(part)}
                          onChange={(n) => set(typeof n === "number" ? n : 0)}
                        />
                      )}
                    </Space>
                    {messageOf(part) !== undefined && (
                      <Typography.Text type="danger" style={{ display: "block" }}>
                        {messageOf(part)}
                      </Typography.Text>
                    )}
                  </div>
                );
              })}
              <Space>
                <Checkbox
                  checked={
                    value.deductions !== undefined && Object.values(value.deductions).every((n) => n === 0)
                  }
                  disabled={off}
                  onChange={(e) => e.target.checked && onChange({ ...value, deductions: {} })}
                >
                  {t("self.input.noDeduction")}
                </Checkbox>
                <Typography.Text type="secondary">
                  {t("self.input.deducted", { points: String(deductedPoints(method, value)) })}
                </Typography.Text>
              </Space>
            </Space>
          </Form.Item>
        );
      case "checklist":
        return (
          <Form.Item label={t("self.input.checklist")} validateStatus={status("")} help={messageOf("")}>
            <Checkbox.Group
              value={value.checked ?? []}
              disabled={off}
              onChange={(checked) => onChange({ ...value, checked: checked.map(String) })}
            >
              <Space direction="vertical" size={6}>
                {method.items.map((item) => (
                  <Checkbox key={item.code} value={item.code} aria-label={`${item.code} ${item.text}`}>
                    {item.text}
                    <Typography.Text type="secondary">
                      {" "}
                      {t("self.input.points", { points: String(item.points) })}
                    </Typography.Text>
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
        );
      case "levels":
        return (
          <Form.Item label={t("self.input.level")} validateStatus={status("")} help={messageOf("")}>
            <Radio.Group
              aria-label={t("self.input.levelOf", { code })}
              value={value.level ?? null}
              disabled={off}
              onChange={(e) => onChange({ ...value, level: String(e.target.value) })}
            >
              <Space direction="vertical" size={6}>
                {method.levels.map((level) => (
                  <Radio key={level.code} value={level.code}>
                    {level.code} {level.name}
                    <Typography.Text type="secondary">
                      {" "}
                      {t("self.input.share", {
                        percent: String(Math.round(Number(level.share) * 100)),
                        points: String(Math.round(Number(level.share) * max * 100) / 100),
                      })}
                    </Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        );
      case "boolean":
        return (
          <Form.Item
            label={method.text ?? t("self.input.boolean")}
            validateStatus={status("")}
            help={messageOf("")}
          >
            <Radio.Group
              aria-label={t("self.input.booleanOf", { code })}
              value={value.value ?? null}
              disabled={off}
              onChange={(e) => onChange({ ...value, value: e.target.value === true })}
            >
              <Radio value={true}>{t("self.input.yes")}</Radio>
              <Radio value={false}>{t("self.input.no")}</Radio>
            </Radio.Group>
          </Form.Item>
        );
      default:
        return null;
    }
  })();

  return (
    <Form layout="vertical" component="div">
      {body}
      {notApplicableAllowed && (
        <Checkbox
          checked={value.na}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, na: e.target.checked })}
        >
          {t("self.input.na")}
        </Checkbox>
      )}
    </Form>
  );
}
