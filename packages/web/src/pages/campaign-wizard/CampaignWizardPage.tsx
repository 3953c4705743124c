/**
 * 新建考评活动 (`/campaigns/new`): the campaign wizard. Its first step creates a draft campaign and every later step
 * saves to it, so `/campaigns/new?draft=<id>` (the draft's page links there) reopens a half-made campaign at the
 * first step still missing something.
 */
import { Alert, Button, Card, Space, Steps } from "antd";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { api, call } from "../../api/client.js";
import { loadAll } from "../../api/load-all.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { BasicsStep } from "./BasicsStep.js";
import { RatersStep } from "./RatersStep.js";
import { ReviewStep } from "./ReviewStep.js";
import { StagesStep } from "./StagesStep.js";
import { UnitsStep } from "./UnitsStep.js";
import { resumeStep, WIZARD_STEPS, type WizardStep } from "./wizard-model.js";
import type { Campaign, CampaignUnit, SchemeVersion } from "./wizard-types.js";

interface Draft {
  campaign: Campaign;
  units: CampaignUnit[];
  scheme: SchemeVersion;
}

async function loadDraft(id: string): Promise<Draft> {
  const campaign = await call(api.GET("/api/v1/campaigns/{id}", { params: { path: { id } } }));
  const [units, scheme] = await Promise.all([
    loadAll((offset) =>
      call(
        api.GET("/api/v1/campaigns/{id}/units", { params: { path: { id }, query: { limit: 500, offset } } }),
      ),
    ),
    call(api.GET("/api/v1/scheme-versions/{id}", { params: { path: { id: campaign.schemeVersionId } } })),
  ]);
  return { campaign, units, scheme };
}

export default function CampaignWizardPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const draftId = params.get("draft");
  const { data, error, loading, reload } = useApi(
    async () => (draftId === null ? null : loadDraft(draftId)),
    [draftId],
  );
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;
  if (data !== null && data.campaign.status !== "draft")
    return (
      <Alert
        type="warning"
        showIcon
        title={t("wizard.notDraft")}
        action={
          <Button onClick={() => navigate(`/campaigns/${data.campaign.id}`)}>{t("wizard.toCampaign")}</Button>
        }
      />
    );
  return (
    <Wizard
      key={draftId ?? "new"}
      draft={data}
      onCreated={(campaign) => setParams({ draft: campaign.id }, { replace: true })}
    />
  );
}

function Wizard({ draft, onCreated }: { draft: Draft | null; onCreated(c: Campaign): void }) {
  const { t } = useI18n();
  const [campaign, setCampaign] = useState(draft?.campaign ?? null);
  const [units, setUnits] = useState(draft?.units ?? []);
  const [step, setStep] = useState<WizardStep>(draft === null ? "basics" : resumeStep(draft.campaign));
  const index = WIZARD_STEPS.indexOf(step);
  const go = (offset: number) => setStep(WIZARD_STEPS[index + offset] ?? step);
  const saved = (next: Campaign) => {
    setCampaign(next);
    go(1);
  };

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={campaign === null ? t("wizard.title") : t("wizard.titleDraft", { name: campaign.name })}
      >
        <Steps
          size="small"
          current={index}
          onChange={(i) => campaign !== null && setStep(WIZARD_STEPS[i] ?? step)}
          items={WIZARD_STEPS.map((s) => ({
            title: t(`wizard.step.${s}`),
            disabled: campaign === null && s !== "basics",
          }))}
        />
      </Card>
      {step === "basics" || campaign === null || draft === null ? (
        <BasicsStep
          campaign={campaign}
          onSaved={(next) => (campaign === null ? onCreated(next) : saved(next))}
        />
      ) : step === "units" ? (
        <UnitsStep
          campaign={campaign}
          scheme={draft.scheme}
          units={units}
          onSaved={(next, list) => {
            setUnits(list);
            saved(next);
          }}
          onBack={() => go(-1)}
        />
      ) : step === "stages" ? (
        <StagesStep campaign={campaign} onSaved={saved} onBack={() => go(-1)} />
      ) : step === "raters" ? (
        <RatersStep campaign={campaign} scheme={draft.scheme} onSaved={saved} onBack={() => go(-1)} />
      ) : (
        <ReviewStep
          campaign={campaign}
          scheme={draft.scheme}
          units={units}
          onBack={() => go(-1)}
          onGoTo={setStep}
        />
      )}
    </Space>
  );
}
