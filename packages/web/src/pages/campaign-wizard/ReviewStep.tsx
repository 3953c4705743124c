/**
 * Step 5, 确认: everything the draft holds, then either keep it as a draft or start it (the scheme version is
 * frozen, the first stage opens and every unit gets its self-evaluation).
 */
import { Button, Card, Descriptions, Popconfirm, Space, Table, Tag } from "antd";
import { useNavigate } from "react-router";
import { api, call } from "../../api/client.js";
import { formatDate } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { percent } from "./rules-text.js";
import { stageLabel } from "./StagesStep.js";
import { StepActions, StepFailure, useStepSave } from "./step-frame.js";
import { stepOfError, type WizardStep } from "./wizard-model.js";
import type { Campaign, CampaignUnit, SchemeVersion } from "./wizard-types.js";

export function ReviewStep({
  campaign,
  scheme,
  units,
  onBack,
  onGoTo,
}: {
  campaign: Campaign;
  scheme: SchemeVersion;
  units: CampaignUnit[];
  onBack(): void;
  onGoTo(step: WizardStep): void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { saving, failure, run } = useStepSave(null, () => null);
  const categoryName = (code: string | null) =>
    scheme.categories.find((c) => c.code === code)?.name ?? code ?? "—";
  const byCategory = new Map<string, number>();
  for (const u of units)
    byCategory.set(categoryName(u.category), (byCategory.get(categoryName(u.category)) ?? 0) + 1);
  const wrongStep = failure === null ? null : stepOfError(failure.error, "review");

  const start = () =>
    run(async () => {
      await call(
        api.POST("/api/v1/campaigns/{id}/start", {
          params: { path: { id: campaign.id } },
          body: { version: campaign.version },
        }),
      );
      navigate(`/campaigns/${campaign.id}`);
    });

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={t("wizard.review.title")}>
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t("wizard.basics.name")}>{campaign.name}</Descriptions.Item>
          <Descriptions.Item label={t("wizard.basics.year")}>{campaign.year}</Descriptions.Item>
          <Descriptions.Item label={t("wizard.basics.organiser")}>{campaign.organiserName}</Descriptions.Item>
          <Descriptions.Item label={t("wizard.basics.scheme")}>
            {campaign.schemeName}（{campaign.schemeVersionLabel}）
          </Descriptions.Item>
          <Descriptions.Item label={t("wizard.review.units")} span={2}>
            {t("wizard.review.unitCount", { count: units.length })}
            {byCategory.size > 0 && scheme.categories.length > 0 && (
              <Space size={4} style={{ marginInlineStart: 8 }}>
                {[...byCategory].map(([name, count]) => (
                  <Tag key={name}>
                    {name} {count}
                  </Tag>
                ))}
              </Space>
            )}
            <div style={{ marginTop: 4, color: "rgba(0,0,0,0.65)" }}>
              {units.map((u) => u.name).join("、")}
            </div>
          </Descriptions.Item>
          <Descriptions.Item label={t("wizard.basics.seeSelfScores")} span={2}>
            {t(campaign.settings.reviewersSeeSelfScores ? "wizard.review.yes" : "wizard.review.no")}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t("wizard.stages.title")}>
        <Table
          size="small"
          rowKey="stage"
          pagination={false}
          dataSource={[...campaign.stages].sort((a, b) => a.position - b.position)}
          columns={[
            { title: t("wizard.stages.stage"), key: "stage", render: (_, s) => t(stageLabel(s.stage)) },
            {
              title: t("wizard.stages.startsAt"),
              dataIndex: "startsAt",
              render: (v: string | null) => formatDate(v),
            },
            {
              title: t("wizard.stages.deadline"),
              dataIndex: "deadline",
              render: (v: string | null) =>
                v === null ? <Tag color="warning">{t("wizard.review.noDeadline")}</Tag> : formatDate(v),
            },
          ]}
        />
      </Card>
      {campaign.raterGroups.length > 0 && (
        <Card size="small" title={t("wizard.raters.title")}>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={campaign.raterGroups}
            columns={[
              { title: t("wizard.raters.group"), dataIndex: "name", width: 240 },
              {
                title: t("wizard.raters.weight"),
                dataIndex: "weight",
                width: 90,
                align: "right",
                render: (w: string) => percent(w),
              },
              {
                title: t("wizard.raters.members"),
                key: "members",
                render: (_, g) =>
                  g.members.length === 0 ? (
                    <Tag color="warning">{t("wizard.review.noMembers")}</Tag>
                  ) : (
                    g.members.map((m) => m.displayName).join("、")
                  ),
              },
            ]}
          />
        </Card>
      )}
      <StepFailure failure={failure} />
      {wrongStep !== null && wrongStep !== "review" && (
        <Button onClick={() => onGoTo(wrongStep)}>
          {t("wizard.review.goFix", { step: t(`wizard.step.${wrongStep}`) })}
        </Button>
      )}
      <StepActions
        onBack={onBack}
        extra={
          <>
            <Button onClick={() => navigate(`/campaigns/${campaign.id}`)}>
              {t("wizard.review.keepDraft")}
            </Button>
            <Popconfirm
              title={t("wizard.review.startConfirm")}
              description={t("wizard.review.startHint")}
              okText={t("wizard.review.start")}
              cancelText={t("wizard.cancel")}
              onConfirm={start}
            >
              <Button type="primary" loading={saving}>
                {t("wizard.review.start")}
              </Button>
            </Popconfirm>
          </>
        }
      />
    </Space>
  );
}
