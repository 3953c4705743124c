/**
 * The score sheet of one unit for one rater group, once its data is loaded: the header with the save state and
 * the submit button, the total (for groups that score totals), and a row per indicator with the unit's
 * self-evaluation beside its score entry and findings. Enter moves to the next input, as Tab does.
 */
import { PrinterOutlined } from "@ant-design/icons";
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Row,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import type { ColumnsType } from "antd/es/table";
import { type KeyboardEvent, useMemo, useRef, useState } from "react";
import type { Campaign, SelfEvaluation, SelfEvaluationStatus } from "../../api/types.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { DownloadButton } from "../documents/DownloadButton.js";
import { links } from "../documents/links.js";
import { SelfEvaluationTag } from "../labels.js";
import { EvidenceLinks, EvidencePreview } from "./EvidencePreview.js";
import { enterMovesOn, nextInOrder } from "./entry-navigation.js";
import { FindingsModal } from "./FindingsModal.js";
import { useGroupName } from "./group-name.js";
import { LeafScoreInput } from "./LeafScoreInput.js";
import { type LeafMethod, leafMethod } from "./leaf-method.js";
import type { Evidence, Finding, SchemeVersion, SelfEvaluationItem, UnitReview } from "./review-types.js";
import { decimalProblem, describeInput, draftOf, type SheetDraft, type SheetMode } from "./sheet-form.js";
import { UnitMaterial } from "./UnitMaterial.js";
import { type SaveState, useSheet } from "./use-sheet.js";

interface Props {
  groupCode: string;
  campaign: Campaign;
  review: UnitReview;
  self: SelfEvaluation | null;
  scheme: SchemeVersion | null;
  findings: Finding[];
}

interface IndicatorRow {
  item: SelfEvaluationItem;
  method: LeafMethod | null;
}

function SaveStateText({ state, savedAt }: { state: SaveState; savedAt: string | null }) {
  const { t } = useI18n();
  if (state === "saving") return <Badge status="processing" text={t("review.entry.saving")} />;
  if (state === "dirty") return <Badge status="warning" text={t("review.entry.unsaved")} />;
  if (state === "failed") return <Badge status="error" text={t("review.entry.saveFailed")} />;
  if (state === "saved")
    return (
      <Badge
        status="success"
        text={t("review.entry.savedAt", { time: savedAt === null ? "" : formatDateTime(savedAt).slice(11) })}
      />
    );
  return <Badge status="default" text={t("review.entry.notSaved")} />;
}

export function SheetEditor({ groupCode, campaign, review, self, scheme, findings: initialFindings }: Props) {
  const { t } = useI18n();
  const groupName = useGroupName(Object.fromEntries(campaign.raterGroups.map((g) => [g.code, g.name])));
  const max = Number(scheme?.max ?? "100");
  const scoresTotals =
    scheme?.raters?.scope === "total" && scheme.raters.groups.some((g) => g.code === groupCode);
  const rows: IndicatorRow[] = useMemo(
    () => (self?.items ?? []).map((item) => ({ item, method: item.leaf ? leafMethod(item.method) : null })),
    [self],
  );
  const inputLeaves = rows.filter((r) => r.method !== null && r.method.type !== "computed");
  const leafCodes = inputLeaves.map((r) => r.item.code);
  const existing = review.sheets.find((s) => s.groupCode === groupCode);
  const initial = useMemo(
    () => ({ sheet: existing, ...draftOf(existing, scoresTotals ? "total" : "leaves") }),
    [existing, scoresTotals],
  );

  const check = (mode: SheetMode, draft: SheetDraft): Record<string, string> => {
    const out: Record<string, string> = {};
    const message = (problem: "format" | "max" | null, limit: number) =>
      problem === "format"
        ? t("review.entry.badDecimal")
        : problem === "max"
          ? t("review.entry.aboveMax", { max: limit })
          : null;
    if (mode === "total") {
      const m = message(decimalProblem(draft.total, max), max);
      if (m !== null) out.total = m;
      return out;
    }
    for (const { item, method } of inputLeaves) {
      const value = draft.scores[item.code];
      if (method?.type !== "manual" || typeof value !== "string") continue;
      const m = message(decimalProblem(value, Number(item.max)), Number(item.max));
      if (m !== null) out[item.code] = m;
    }
    return out;
  };

  const sheet = useSheet(
    { campaignId: campaign.id, organisationId: review.unit.id, groupCode, leafCodes, check },
    initial,
  );
  const [findings, setFindings] = useState(initialFindings);
  const [findingsFor, setFindingsFor] = useState<{ code: string; name: string } | null | undefined>(
    undefined,
  );
  const [preview, setPreview] = useState<Evidence | null>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  const entryArea = useRef<HTMLDivElement>(null);

  const stage = campaign.stages.find((s) => s.stage === "review");
  const reviewOpen = stage !== undefined && stage.openedAt !== null && stage.closedAt === null;
  const unitSubmitted =
    review.selfEvaluation?.status === "submitted" || review.selfEvaluation?.status === "accepted";
  const submitted = sheet.sheet?.submitted === true;
  const readOnly = submitted || !reviewOpen || !unitSubmitted || campaign.status === "published";
  const selfScores = review.selfEvaluation?.scores ?? null;
  const yesNo: [string, string] = [t("review.entry.yes"), t("review.entry.no")];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "Enter" || entryArea.current === null) return;
    const target = event.target as HTMLElement;
    const info = {
      tagName: target.tagName,
      type: target.getAttribute("type") ?? "",
      role: target.getAttribute("role"),
      expanded: target.getAttribute("aria-expanded"),
    };
    if (!enterMovesOn(info)) return;
    const order = [
      ...entryArea.current.querySelectorAll<HTMLInputElement>("[data-entry-cell] input:not([disabled])"),
    ];
    if (!order.includes(target as HTMLInputElement)) return;
    event.preventDefault();
    const next = nextInOrder(order, target as HTMLInputElement);
    if (next !== undefined) next.focus();
    else {
      saveButton.current?.focus();
      void sheet.save();
    }
  };

  const setLeaf = (code: string, value: unknown) =>
    sheet.edit(sheet.mode, { ...sheet.draft, scores: { ...sheet.draft.scores, [code]: value } });

  const findingsOf = (code: string | null) => findings.filter((f) => f.indicatorCode === code);

  const columns: ColumnsType<IndicatorRow> = [
    {
      title: t("review.entry.indicator"),
      key: "indicator",
      width: 230,
      render: (_, { item }) => (
        <div style={{ paddingInlineStart: (item.depth - 1) * 12 }}>
          <Typography.Text strong={!item.leaf}>
            {item.code} {item.name}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("review.entry.max")} {item.max}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t("review.entry.selfMaterial"),
      key: "self",
      render: (_, { item, method }) => {
        if (!item.leaf) return null;
        const narrative = review.selfEvaluation?.narratives[item.code];
        return (
          <Space direction="vertical" size={2} style={{ width: "100%" }}>
            {narrative === undefined ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("review.entry.noNarrative")}
              </Typography.Text>
            ) : (
              <Typography.Paragraph
                style={{ marginBottom: 0, fontSize: 13 }}
                ellipsis={{ rows: 3, expandable: true }}
              >
                {narrative}
              </Typography.Paragraph>
            )}
            {selfScores !== null && method !== null && method.type !== "computed" && (
              <Typography.Text style={{ fontSize: 12 }}>
                {t("review.entry.selfScore")}：{describeInput(method, selfScores[item.code], yesNo)}
              </Typography.Text>
            )}
            <EvidenceLinks files={item.evidence} onOpen={setPreview} />
          </Space>
        );
      },
    },
    ...(sheet.mode === "leaves"
      ? [
          {
            title: t("review.entry.score"),
            key: "score",
            width: 300,
            render: (_: unknown, { item, method }: IndicatorRow) =>
              method === null ? null : (
                <div data-entry-cell>
                  <Form.Item
                    style={{ marginBottom: 0 }}
                    validateStatus={sheet.errors[item.code] === undefined ? undefined : "error"}
                    help={sheet.errors[item.code]}
                  >
                    <LeafScoreInput
                      code={item.code}
                      method={method}
                      label={t("review.entry.scoreLabel", { code: item.code, name: item.name })}
                      value={sheet.draft.scores[item.code]}
                      disabled={readOnly}
                      onChange={(value) => setLeaf(item.code, value)}
                    />
                  </Form.Item>
                </div>
              ),
          },
        ]
      : []),
    {
      title: t("review.entry.findings"),
      key: "findings",
      width: 104,
      render: (_, { item }) => {
        if (!item.leaf) return null;
        const count = findingsOf(item.code).length;
        return (
          <Button
            size="small"
            type={count > 0 ? "primary" : "default"}
            ghost={count > 0}
            aria-label={`${item.code} ${t("review.entry.findings")}`}
            onClick={() => setFindingsFor({ code: item.code, name: item.name })}
          >
            {count > 0 ? `${t("review.entry.findings")} ${count}` : t("review.entry.findings")}
          </Button>
        );
      },
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space wrap>
            <span>
              {t("review.entry.title")}：{review.unit.name}
            </span>
            <Tag color="blue">{groupName(groupCode)}</Tag>
            {submitted && <Tag color="success">{t("review.entry.submitted")}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {!readOnly && <SaveStateText state={sheet.state} savedAt={sheet.savedAt} />}
            <DownloadButton
              url={links.document(campaign.id, "score_sheet", review.unit.id)}
              fileName={`${review.unit.name} 评分表.docx`}
              icon={<PrinterOutlined />}
            >
              {t("documents.scoreSheet")}
            </DownloadButton>
            {!readOnly && (
              <Button ref={saveButton} onClick={() => void sheet.save()} loading={sheet.state === "saving"}>
                {t("review.entry.save")}
              </Button>
            )}
            {!readOnly && (
              <Popconfirm title={t("review.entry.submitConfirm")} onConfirm={() => sheet.submit()}>
                <Button type="primary">{t("review.entry.submit")}</Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Space direction="vertical" size={12} style={{ width: "100%" }}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t("workspace.campaign")}>{campaign.name}</Descriptions.Item>
            <Descriptions.Item label={t("review.entry.category")}>
              {campaign.categories.find((c) => c.code === review.unit.category)?.name ??
                review.unit.category ??
                "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("review.entry.selfStatus")}>
              <SelfEvaluationTag
                status={(review.selfEvaluation?.status ?? null) as SelfEvaluationStatus | null}
              />
            </Descriptions.Item>
          </Descriptions>
          {submitted && (
            <Alert
              type="success"
              showIcon
              title={t("review.entry.submittedAt", { time: formatDateTime(sheet.sheet?.submittedAt) })}
            />
          )}
          {!submitted && !reviewOpen && <Alert type="info" showIcon title={t("review.entry.stageClosed")} />}
          {!submitted && reviewOpen && !unitSubmitted && (
            <Alert type="warning" showIcon title={t("review.entry.notSubmittedUnit")} />
          )}
          {sheet.stale && <Alert type="warning" showIcon closable title={t("review.entry.stale")} />}
          {sheet.failure !== null && Object.keys(sheet.errors).length === 0 && (
            <ApiErrorAlert error={sheet.failure} />
          )}
          {selfScores === null && review.selfEvaluation !== null && (
            <Typography.Text type="secondary">{t("review.entry.hiddenScores")}</Typography.Text>
          )}
        </Space>
      </Card>

      {/* biome-ignore lint/a11y/noStaticElementInteractions: Enter is caught here for every input of the sheet */}
      <div ref={entryArea} onKeyDown={onKeyDown}>
        <Row gutter={16} wrap={false}>
          <Col flex="auto" style={{ minWidth: 0 }}>
            <Space direction="vertical" size={16} style={{ width: "100%" }}>
              {(scoresTotals || sheet.mode === "total") && (
                <Card size="small">
                  <Space direction="vertical" size={8} style={{ width: "100%" }}>
                    {scoresTotals && (
                      <Space>
                        <Typography.Text>{t("review.entry.mode")}：</Typography.Text>
                        <Segmented<SheetMode>
                          aria-label={t("review.entry.mode")}
                          disabled={readOnly}
                          value={sheet.mode}
                          onChange={(mode) => sheet.edit(mode, sheet.draft)}
                          options={[
                            { label: t("review.entry.modeTotal"), value: "total" },
                            { label: t("review.entry.modeLeaves"), value: "leaves" },
                          ]}
                        />
                      </Space>
                    )}
                    {sheet.mode === "total" && (
                      <div data-entry-cell>
                        <Form.Item
                          label={t("review.entry.totalLabel", { max })}
                          htmlFor="review-total"
                          style={{ marginBottom: 0 }}
                          extra={readOnly ? undefined : t("review.entry.totalHint", { max })}
                          validateStatus={sheet.errors.total === undefined ? undefined : "error"}
                          help={sheet.errors.total}
                        >
                          <Input
                            id="review-total"
                            inputMode="decimal"
                            style={{ width: 160 }}
                            disabled={readOnly}
                            value={sheet.draft.total}
                            onChange={(e) => sheet.edit("total", { ...sheet.draft, total: e.target.value })}
                          />
                        </Form.Item>
                      </div>
                    )}
                  </Space>
                </Card>
              )}
              <Card
                size="small"
                title={t("review.entry.indicator")}
                extra={
                  <Space size={12}>
                    {!readOnly && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t("review.entry.keyboardHint")}
                      </Typography.Text>
                    )}
                    <Button size="small" onClick={() => setFindingsFor(null)}>
                      {t("review.findings.overall")}
                      {findingsOf(null).length > 0 ? ` ${findingsOf(null).length}` : ""}
                    </Button>
                  </Space>
                }
              >
                {self === null ? (
                  <Alert type="info" showIcon title={t("review.entry.noSelfEvaluation")} />
                ) : (
                  <Table<IndicatorRow>
                    rowKey={(r) => r.item.code}
                    size="small"
                    pagination={false}
                    dataSource={rows}
                    columns={columns}
                    rowClassName={(r) => (r.item.leaf ? "" : "kaoping-row-parent")}
                  />
                )}
              </Card>
            </Space>
          </Col>
          {review.selfEvaluation !== null && (
            <Col flex="320px">
              <div style={{ position: "sticky", top: 16 }}>
                <UnitMaterial selfEvaluation={review.selfEvaluation} fields={self?.fields ?? []} />
              </div>
            </Col>
          )}
        </Row>
      </div>

      <EvidencePreview evidence={preview} onClose={() => setPreview(null)} />
      <FindingsModal
        campaignId={campaign.id}
        organisationId={review.unit.id}
        indicator={findingsFor ?? null}
        open={findingsFor !== undefined}
        findings={findingsOf(findingsFor === undefined || findingsFor === null ? null : findingsFor.code)}
        readOnly={campaign.status === "published" || !reviewOpen}
        onClose={() => setFindingsFor(undefined)}
        onAdded={(f) => setFindings((list) => [...list, f])}
      />
    </Space>
  );
}
