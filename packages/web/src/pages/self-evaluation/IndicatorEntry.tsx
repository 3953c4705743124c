/**
 * One indicator's entry: its standard, the input its method takes, the live score with the engine's explanation,
 * the narrative (自评说明) and the evidence. Input and narrative are autosaved together on the item's version.
 */
import { Alert, Button, Card, Descriptions, Form, Input, List, Space, Tag, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { api, call } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import { useI18n } from "../../i18n/i18n.js";
import { describeProblem } from "./completeness.js";
import { EvidencePanel } from "./EvidencePanel.js";
import { MethodInput } from "./MethodInput.js";
import {
  checkForm,
  type FormValue,
  formFromInput,
  inputFromForm,
  isComputed,
  methodOf,
} from "./method-input.js";
import { SaveBadge } from "./SaveBadge.js";
import type { Item, SelfEvaluation } from "./types.js";
import { useAutosaver } from "./use-autosaver.js";

interface Props {
  view: SelfEvaluation;
  item: Item;
  /** The assigned department, for the header. */
  department: string | null;
  onSaved(): void;
  onLoadTheirs(): void;
  onSelect(code: string): void;
  /** Where the page finds this entry's pending save before submitting. */
  registerFlush: Set<() => Promise<boolean>>;
}

interface Draft {
  form: FormValue;
  narrative: string;
}

/** The explanation's line for one indicator ("  A4 校舍安全：分值60分，…，得50分"). */
function explanationLine(explanation: string | null, code: string): string | null {
  const line = explanation?.split("\n").find((l) => l.trimStart().startsWith(`${code} `));
  return line?.trim() ?? null;
}

export function IndicatorEntry({
  view,
  item,
  department,
  onSaved,
  onLoadTheirs,
  onSelect,
  registerFlush,
}: Props) {
  const { t, lang } = useI18n();
  const method = methodOf(item.method);
  const max = Number(item.max);
  const [draft, setDraft] = useState<Draft>(() => ({
    form: method === null ? { na: false } : formFromInput(method, item.input),
    narrative: item.narrative,
  }));
  const [version, setVersion] = useState(item.version);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const computed = isComputed(method);
  const computedNote = (code: string, m: typeof method) => {
    const origin = view.fed[code];
    if (origin !== undefined) return t("self.entry.fed", { origin });
    return m?.type === "satisfaction" ? t("self.entry.survey") : t("self.entry.computed");
  };
  const typed = item.leaf && method !== null && !computed;

  // The version this person last read or saved; a later version from a refresh must not be saved over unseen.
  const versionRef = useRef(item.version);
  const { saver, state } = useAutosaver<Draft>(async (value) => {
    try {
      const saved = await call(
        api.PUT("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}/items/{indicatorCode}", {
          params: {
            path: { campaignId: view.campaignId, organisationId: view.unit.id, indicatorCode: item.code },
          },
          body: {
            version: versionRef.current,
            ...(typed ? { input: inputFromForm(method, value.form) } : {}),
            narrative: value.narrative,
          },
        }),
      );
      versionRef.current = saved.version;
      setVersion(saved.version);
      setServerErrors({});
      setGeneralError(null);
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.code !== "stale_version") {
        setServerErrors(error.fieldErrors());
        setGeneralError(
          error.generalDetails().length > 0 || error.details.length === 0 ? error.messageIn(lang) : null,
        );
      }
      throw error;
    }
  });

  const editable = view.editable && item.editable && state.kind !== "conflict";

  useEffect(() => {
    const flush = () => saver.flush();
    registerFlush.add(flush);
    return () => {
      registerFlush.delete(flush);
    };
  }, [saver, registerFlush]);

  const problems = typed ? checkForm(method, max, draft.form) : {};
  const change = (next: Draft) => {
    setDraft(next);
    const nextProblems = typed ? checkForm(method, max, next.form) : {};
    if (Object.keys(nextProblems).length === 0) saver.edit(next);
  };

  const score = view.score?.indicators[item.code];
  const line = explanationLine(view.explanation, item.code);
  const ownProblems = view.problems.filter((p) => p.path === `indicators.${item.code}`);
  const children = view.items.filter((i) => i.parent === item.code);

  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>
            {item.code} {item.name}
          </span>
          <Tag>{t("self.entry.max", { max: item.max })}</Tag>
          {department !== null && <Tag color="purple">{department}</Tag>}
        </Space>
      }
      extra={<SaveBadge state={state} />}
    >
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        {state.kind === "conflict" && (
          <Alert
            type="error"
            showIcon
            title={t("self.conflict.title")}
            description={t("self.conflict.description")}
            action={
              <Button size="small" type="primary" onClick={onLoadTheirs}>
                {t("self.conflict.load")}
              </Button>
            }
          />
        )}
        {generalError !== null && <Alert type="error" showIcon title={generalError} />}
        {item.guidance !== null && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t("self.entry.guidance")}：{item.guidance}
          </Typography.Paragraph>
        )}

        <Descriptions
          size="small"
          column={1}
          bordered
          styles={{ label: { width: 104, whiteSpace: "nowrap" } }}
        >
          <Descriptions.Item label={t("self.entry.liveScore")}>
            {score !== undefined ? (
              <Typography.Text strong aria-label={t("self.entry.liveScore")}>
                {score.na
                  ? t("self.entry.na")
                  : t("self.entry.scoreOf", { score: score.score, max: score.max })}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t("self.entry.noScore")}</Typography.Text>
            )}
          </Descriptions.Item>
          {line !== null && <Descriptions.Item label={t("self.entry.explanation")}>{line}</Descriptions.Item>}
          {ownProblems.length > 0 && (
            <Descriptions.Item label={t("self.entry.problems")}>
              {ownProblems.map((p) => (
                <Typography.Text key={p.message} type="danger" style={{ display: "block" }}>
                  {describeProblem(view, p).unfilled ? t("self.submit.notFilled") : p.message}
                </Typography.Text>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>

        {typed && (
          <MethodInput
            code={item.code}
            method={method}
            max={max}
            value={draft.form}
            disabled={!editable}
            notApplicableAllowed={item.notApplicableAllowed}
            problems={problems}
            serverErrors={serverErrors}
            onChange={(form) => change({ ...draft, form })}
          />
        )}
        {computed && <Alert type="info" showIcon title={computedNote(item.code, method)} />}
        {!item.leaf && (
          <List
            size="small"
            bordered
            header={t("self.entry.children")}
            dataSource={children}
            renderItem={(child) => {
              const childScore = view.score?.indicators[child.code];
              return (
                <List.Item
                  actions={[
                    <Button key="open" type="link" size="small" onClick={() => onSelect(child.code)}>
                      {t("self.entry.open")}
                    </Button>,
                  ]}
                >
                  {child.code} {child.name}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                    {childScore === undefined
                      ? t("self.entry.maxOnly", { max: child.max })
                      : t("self.entry.scoreOf", { score: childScore.score, max: childScore.max })}
                  </Typography.Text>
                </List.Item>
              );
            }}
          />
        )}

        <Form layout="vertical" component="div">
          <Form.Item
            label={t("self.entry.narrative")}
            validateStatus={serverErrors.narrative === undefined ? undefined : "error"}
            help={serverErrors.narrative?.join("；")}
            style={{ marginBottom: 0 }}
          >
            <Input.TextArea
              aria-label={t("self.entry.narrativeOf", { code: item.code })}
              value={draft.narrative}
              disabled={!editable}
              showCount
              maxLength={20_000}
              autoSize={{ minRows: 3, maxRows: 10 }}
              placeholder={t("self.entry.narrativeHint")}
              onChange={(e) => change({ ...draft, narrative: e.target.value })}
            />
          </Form.Item>
        </Form>

        <div>
          <Typography.Text strong>{t("self.evidence.title")}</Typography.Text>
          {item.expectedEvidence.length > 0 && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {t("self.evidence.expected", { list: item.expectedEvidence.join("、") })}
            </Typography.Text>
          )}
        </div>
        <EvidencePanel
          campaignId={view.campaignId}
          organisationId={view.unit.id}
          indicatorCode={item.code}
          files={item.evidence}
          editable={editable}
          onChanged={onSaved}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("self.entry.version", { version })}
        </Typography.Text>
      </Space>
    </Card>
  );
}
