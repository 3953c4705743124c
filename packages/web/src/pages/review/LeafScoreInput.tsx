/**
 * One leaf's score entry, matching its method: a score box (manual), counts or ticks per deduction rule, a
 * checklist, a level or yes/no. Every input sits in a `data-entry-cell`, so Enter can move through the sheet.
 */
import { Checkbox, Input, InputNumber, Select, Space, Typography } from "antd";
import { useI18n } from "../../i18n/i18n.js";
import type { LeafMethod } from "./leaf-method.js";
import { manualText } from "./sheet-form.js";

interface Props {
  code: string;
  method: LeafMethod;
  label: string;
  value: unknown;
  disabled: boolean;
  onChange(value: unknown): void;
}

const objectOf = (v: unknown) => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {});

export function LeafScoreInput({ code, method, label, value, disabled, onChange }: Props) {
  const { t } = useI18n();
  switch (method.type) {
    case "manual":
      return (
        <Input
          aria-label={label}
          inputMode="decimal"
          style={{ width: 110 }}
          disabled={disabled}
          value={manualText(value)}
          onChange={(e) => onChange(e.target.value.trim() === "" ? undefined : e.target.value.trim())}
        />
      );
    case "levels":
      return (
        <Select
          aria-label={label}
          style={{ width: 180 }}
          allowClear
          disabled={disabled}
          placeholder={t("review.entry.level")}
          value={typeof value === "string" ? value : ((objectOf(value).level as string | undefined) ?? null)}
          options={method.levels.map((l) => ({ value: l.code, label: l.name }))}
          onChange={(level: string | undefined) => onChange(level === undefined ? undefined : { level })}
        />
      );
    case "boolean":
      return (
        <Select
          aria-label={label}
          style={{ width: 110 }}
          allowClear
          disabled={disabled}
          value={typeof value === "boolean" ? String(value) : null}
          options={[
            { value: "true", label: t("review.entry.yes") },
            { value: "false", label: t("review.entry.no") },
          ]}
          onChange={(v: string | undefined) => onChange(v === undefined ? undefined : v === "true")}
        />
      );
    case "checklist": {
      const checked = (objectOf(value).checked as string[] | undefined) ?? [];
      return (
        <Checkbox.Group
          aria-label={label}
          disabled={disabled}
          value={checked}
          onChange={(list) => onChange({ checked: list as string[] })}
        >
          <Space direction="vertical" size={0}>
            {method.items.map((item) => (
              <Checkbox key={item.code} value={item.code}>
                {item.text}（{item.points}）
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      );
    }
    case "deductions": {
      const counts = (objectOf(value).deductions as Record<string, number> | undefined) ?? {};
      const set = (rule: string, n: number) => {
        const next = { ...counts, [rule]: n };
        if (n === 0) delete next[rule];
        onChange({ deductions: next });
      };
      return (
        <Space direction="vertical" size={2} style={{ width: "100%" }}>
          {method.rules.map((rule) =>
            rule.perOccurrence ? (
              <Space key={rule.code} size={6} align="start">
                <InputNumber
                  aria-label={t("review.entry.count", { code: `${code} ${rule.code}` })}
                  size="small"
                  min={0}
                  precision={0}
                  style={{ width: 64 }}
                  disabled={disabled}
                  value={counts[rule.code] ?? (value === undefined ? null : 0)}
                  onChange={(n) => set(rule.code, typeof n === "number" ? n : 0)}
                />
                <Typography.Text style={{ fontSize: 12 }}>{rule.text}</Typography.Text>
              </Space>
            ) : (
              <Checkbox
                key={rule.code}
                disabled={disabled}
                checked={(counts[rule.code] ?? 0) > 0}
                onChange={(e) => set(rule.code, e.target.checked ? 1 : 0)}
              >
                <span style={{ fontSize: 12 }}>{rule.text}</span>
              </Checkbox>
            ),
          )}
        </Space>
      );
    }
    default:
      return <Typography.Text type="secondary">{t("review.entry.computed")}</Typography.Text>;
  }
}
