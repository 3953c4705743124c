/**
 * 单位自评: a unit's self-evaluation. The header has the unit, campaign, status, deadline and the live total; the
 * tabs hold the indicators (tree on the left, the selected one's entry on the right), the base data and tables,
 * the report and, for the unit's head, the task split. Department staff see only what is assigned to them.
 */
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Space,
  Statistic,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { api, call } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import { optional } from "../../api/optional.js";
import type { Campaign } from "../../api/types.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { SelfEvaluationFiles } from "../documents/SelfEvaluationFiles.js";
import { SelfEvaluationTag } from "../labels.js";
import { AssignmentPanel } from "./AssignmentPanel.js";
import { BaseDataPanel } from "./BaseDataPanel.js";
import { describeProblem, editedSince, type Missing, missingParts } from "./completeness.js";
import { IndicatorEntry } from "./IndicatorEntry.js";
import { IndicatorTree } from "./IndicatorTree.js";
import { OrganiserActions } from "./OrganiserActions.js";
import { ReportPanel } from "./ReportPanel.js";
import { SubmitModal } from "./SubmitModal.js";
import { isDepartmentView, visibleItems } from "./scope.js";
import type { SelfEvaluation } from "./types.js";
import { useEvaluationSaver } from "./use-evaluation-saver.js";

type Loaded = { view: SelfEvaluation; campaign: Campaign | null };

function useSelfEvaluation(campaignId: string, organisationId: string) {
  const [state, setState] = useState<{ data?: Loaded; error?: ApiError }>({});
  const load = useCallback(async () => {
    try {
      const [view, campaign] = await Promise.all([
        call(
          api.GET("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}", {
            params: { path: { campaignId, organisationId } },
          }),
        ),
        optional(call(api.GET("/api/v1/campaigns/{id}", { params: { path: { id: campaignId } } }))),
      ]);
      setState({ data: { view, campaign } });
      return view;
    } catch (error) {
      if (error instanceof ApiError) setState((s) => ({ ...s, error }));
      return undefined;
    }
  }, [campaignId, organisationId]);
  useEffect(() => {
    setState({});
    void load();
  }, [load]);
  return { ...state, load };
}

export default function SelfEvaluationPage() {
  const { campaignId = "", organisationId = "" } = useParams();
  const { t } = useI18n();
  const { data, error, load } = useSelfEvaluation(campaignId, organisationId);

  if (error !== undefined && data === undefined) {
    if (error.status === 403 || error.status === 404)
      return (
        <Result
          status="403"
          title={t("self.denied.title")}
          subTitle={t("self.denied.description")}
          extra={<BackHome />}
        />
      );
    return <ApiErrorAlert error={error} onRetry={() => void load()} />;
  }
  if (data === undefined) return <PageSpinner />;
  return <SelfEvaluationForm view={data.view} campaign={data.campaign} reload={load} />;
}

function BackHome() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate("/")}>
      {t("app.toHome")}
    </Button>
  );
}

function SelfEvaluationForm({
  view,
  campaign,
  reload,
}: {
  view: SelfEvaluation;
  campaign: Campaign | null;
  reload(): Promise<SelfEvaluation | undefined>;
}) {
  const { t, lang } = useI18n();
  const [search, setSearch] = useSearchParams();
  const items = visibleItems(view);
  const firstLeaf = items.find((i) => i.leaf)?.code ?? items[0]?.code ?? null;
  const selected = search.get("indicator") ?? firstLeaf;
  const tab = search.get("tab") ?? "items";
  const [generation, setGeneration] = useState(0);
  const saver = useEvaluationSaver(view, () => void reload());
  const [submitOpen, setSubmitOpen] = useState(false);
  const [missing, setMissing] = useState<Missing[]>([]);
  const [refused, setRefused] = useState<{ message: string; details: ApiError["details"] } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const flushers = useRef(new Set<() => Promise<boolean>>());

  const go = (next: Record<string, string>) =>
    setSearch({ ...Object.fromEntries(search), ...next }, { replace: true });
  const loadTheirs = async () => {
    const fresh = await reload();
    if (fresh !== undefined) saver.reset(fresh.version);
    setGeneration((g) => g + 1);
  };

  const openSubmit = async () => {
    await Promise.all([saver.flush(), ...[...flushers.current].map((f) => f())]);
    const fresh = (await reload()) ?? view;
    setMissing(missingParts(fresh));
    setRefused(null);
    setSubmitOpen(true);
  };
  const submit = async () => {
    setSubmitting(true);
    try {
      const fresh = (await reload()) ?? view;
      await call(
        api.POST("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}/submit", {
          params: { path: { campaignId: view.campaignId, organisationId: view.unit.id } },
          body: { version: fresh.version },
        }),
      );
      setSubmitOpen(false);
      await reload();
      setGeneration((g) => g + 1);
    } catch (e) {
      if (e instanceof ApiError) setRefused({ message: e.messageIn(lang), details: e.details });
    } finally {
      setSubmitting(false);
    }
  };

  const stage = campaign?.stages.find((s) => s.stage === "self_evaluation");
  const item = items.find((i) => i.code === selected) ?? null;
  const department = (code: string) =>
    view.assignments.find((a) => a.target === code)?.departmentName ?? null;
  const changed = view.status === "returned" ? editedSince(view) : [];
  const canSubmit = view.editable && view.permissions.editAll;

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space>
            <span>{t("self.title", { unit: view.unit.name })}</span>
            <SelfEvaluationTag status={view.status} />
          </Space>
        }
        extra={
          <Space>
            <SelfEvaluationFiles
              view={view}
              importable={view.editable}
              onImported={() => void loadTheirs()}
            />
            {canSubmit ? (
              <Button type="primary" onClick={() => void openSubmit()}>
                {t("self.submit.button")}
              </Button>
            ) : (
              view.permissions.organise &&
              view.status === "submitted" && <OrganiserActions view={view} onDone={() => void reload()} />
            )}
          </Space>
        }
      >
        <Row gutter={16} align="middle">
          <Col flex="auto">
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
              <Descriptions.Item label={t("self.header.campaign")}>{campaign?.name ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("self.header.unit")}>
                {view.unit.name}（{view.unit.code}）
              </Descriptions.Item>
              <Descriptions.Item label={t("self.header.deadline")}>
                {formatDateTime(stage?.deadline ?? null)}
              </Descriptions.Item>
              <Descriptions.Item label={t("self.header.submissions")}>{view.submissions}</Descriptions.Item>
              <Descriptions.Item label={t("self.header.submittedAt")}>
                {formatDateTime(view.submittedAt)}
              </Descriptions.Item>
              {isDepartmentView(view) && (
                <Descriptions.Item label={t("self.header.scope")}>
                  {t("self.header.departmentScope")}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Col>
          {view.unit.role === "evaluated" && (
            <Col data-testid="live-total">
              <Statistic
                title={t("self.header.total")}
                value={view.score?.total ?? "—"}
                suffix={view.score === null ? undefined : t("self.header.points")}
                styles={{ content: { color: view.score === null ? "#8c8c8c" : "#a8071a" } }}
              />
              {view.score?.gradeName != null && <Tag color="blue">{view.score.gradeName}</Tag>}
            </Col>
          )}
        </Row>
      </Card>

      {view.status === "returned" && (
        <Alert
          type="warning"
          showIcon
          title={t("self.returned.title")}
          description={
            <Space direction="vertical" size={4}>
              <Typography.Text strong>
                {t("self.returned.reason")}：{view.returnedReason ?? "—"}
              </Typography.Text>
              <Typography.Text>
                {changed.length === 0
                  ? t("self.returned.noChanges")
                  : t("self.returned.changed", { list: changed.join("、") })}
              </Typography.Text>
            </Space>
          }
        />
      )}
      {(view.status === "submitted" || view.status === "accepted") && (
        <Alert type="info" showIcon title={t(`self.locked.${view.status}`)} />
      )}
      {view.status !== "submitted" &&
        view.status !== "accepted" &&
        (!view.editable || (!view.permissions.editAll && !isDepartmentView(view))) && (
          <Alert type="info" showIcon title={t("self.locked.readOnly")} />
        )}
      {view.score === null && view.problems.length > 0 && view.unit.role === "evaluated" && (
        <Alert
          type="warning"
          showIcon
          title={t("self.problems.title", { count: view.problems.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 120, overflow: "auto" }}>
              {view.problems.map((p) => {
                const d = describeProblem(view, p);
                return (
                  <li key={`${p.path}:${p.message}`}>
                    {d.code === null ? null : (
                      <Typography.Link onClick={() => go({ tab: "items", indicator: d.code! })}>
                        {d.label ?? d.code}
                      </Typography.Link>
                    )}
                    {d.code === null ? "" : "："}
                    {d.unfilled ? t("self.submit.notFilled") : d.message}
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
      {saver.state.kind === "conflict" && (
        <Alert
          type="error"
          showIcon
          title={t("self.conflict.unit")}
          action={
            <Button size="small" type="primary" onClick={() => void loadTheirs()}>
              {t("self.conflict.load")}
            </Button>
          }
        />
      )}

      <Tabs
        activeKey={tab}
        onChange={(key) => go({ tab: key })}
        items={[
          {
            key: "items",
            label: t("self.tab.items"),
            children: (
              <Row gutter={16} wrap={false}>
                <Col flex="380px" style={{ minWidth: 0 }}>
                  <Card
                    size="small"
                    title={t("self.tree.title")}
                    styles={{ body: { maxHeight: "calc(100vh - 260px)", overflow: "auto" } }}
                  >
                    <IndicatorTree
                      view={view}
                      items={items}
                      selected={selected}
                      onSelect={(code) => go({ indicator: code })}
                    />
                  </Card>
                </Col>
                <Col flex="auto" style={{ minWidth: 0 }}>
                  {item === null ? (
                    <Card size="small">{t("self.tree.none")}</Card>
                  ) : (
                    <IndicatorEntry
                      key={`${item.code}:${generation}`}
                      view={view}
                      item={item}
                      department={department(item.code)}
                      onSaved={() => void reload()}
                      onLoadTheirs={() => void loadTheirs()}
                      onSelect={(code) => go({ indicator: code })}
                      registerFlush={flushers.current}
                    />
                  )}
                </Col>
              </Row>
            ),
          },
          {
            key: "data",
            label: t("self.tab.data"),
            children: (
              <BaseDataPanel
                key={generation}
                view={view}
                saver={saver}
                generation={generation}
                onSaved={() => void reload()}
                onLoadTheirs={() => void loadTheirs()}
              />
            ),
          },
          ...(view.permissions.editAll || view.permissions.organise
            ? [
                {
                  key: "report",
                  label: t("self.tab.report"),
                  children: <ReportPanel key={generation} view={view} saver={saver} />,
                },
              ]
            : []),
          ...(view.permissions.assign
            ? [
                {
                  key: "assign",
                  label: t("self.tab.assign"),
                  children: <AssignmentPanel view={view} onSaved={() => void reload()} />,
                },
              ]
            : []),
        ]}
      />
      <SubmitModal
        open={submitOpen}
        missing={missing}
        refused={refused}
        submitting={submitting}
        onSubmit={() => void submit()}
        onCancel={() => setSubmitOpen(false)}
        onGoto={(target) => {
          setSubmitOpen(false);
          go("indicator" in target ? { tab: "items", indicator: target.indicator } : { tab: "data" });
        }}
      />
    </Space>
  );
}
