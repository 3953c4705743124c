/**
 * 抽签: the organiser draws units for site visits with an announced seed (entered or generated), seeing first how
 * many each stratum will give; every draw is listed with its seed, parameters and the units drawn per stratum, and
 * anyone who may read it can verify it (the server re-draws with the seed and compares).
 */
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import type { Campaign } from "../../api/types.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { type DrawRounding, drawCount, parseFraction, strataSizes } from "./draw-plan.js";
import type { CampaignUnit, Draw, DrawVerification } from "./review-types.js";

type By = "category" | "group" | "kind" | "none";

interface DrawForm {
  fraction: string;
  by: By;
  rounding: DrawRounding;
  minimumPerStratum: number;
  seed?: string;
}

interface Stratum {
  value: string | number | null;
  size: number;
  count: number;
  selected: string[];
}

interface StoredDraw {
  seed: string;
  fraction: string;
  rounding: DrawRounding;
  minimumPerStratum: number;
  by: string | null;
  strata: Stratum[];
  selected: string[];
}

interface Props {
  campaign: Campaign;
  draws: Draw[];
  units: CampaignUnit[];
  canDraw: boolean;
  onDrawn(): void;
}

function randomSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return [...bytes]
    .map((b) => b.toString(10).padStart(3, "0"))
    .join("")
    .slice(0, 8);
}

function useLabels(campaign: Campaign, units: CampaignUnit[]) {
  const { t } = useI18n();
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const stratumName = (by: string | null, value: string | number | null) => {
    if (by === null || value === null) return t("draw.noStratum");
    if (by === "category") return campaign.categories.find((c) => c.code === value)?.name ?? String(value);
    return String(value);
  };
  const unitLabel = (code: string) => {
    const unit = unitByCode.get(code);
    return unit === undefined ? code : `${unit.name}（${code}）`;
  };
  return { stratumName, unitLabel };
}

function DrawResult({ campaign, draw, units }: { campaign: Campaign; draw: Draw; units: CampaignUnit[] }) {
  const { t } = useI18n();
  const { stratumName, unitLabel } = useLabels(campaign, units);
  const [verification, setVerification] = useState<DrawVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const record = draw.result as StoredDraw;
  const byLabel = (by: string | null) => t(`draw.by.${(by ?? "none") as By}`);

  const verify = async () => {
    setVerifying(true);
    setError(null);
    try {
      setVerification(
        await call(
          api.GET("/api/v1/campaigns/{id}/draws/{drawId}/verify", {
            params: { path: { id: campaign.id, drawId: draw.id } },
          }),
        ),
      );
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Card
      size="small"
      type="inner"
      data-testid="draw-result"
      title={
        <Space wrap>
          <span>
            {t("draw.seed")}：
            <Typography.Text code copyable data-testid="draw-seed">
              {draw.seed}
            </Typography.Text>
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("draw.createdAt")} {formatDateTime(draw.createdAt)}
          </Typography.Text>
        </Space>
      }
      extra={
        <Button onClick={verify} loading={verifying}>
          {t("draw.verify")}
        </Button>
      }
    >
      <Space direction="vertical" size={8} style={{ width: "100%" }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t("draw.params")}>
            {t("draw.paramsLine", {
              fraction: record.fraction,
              by: byLabel(record.by),
              rounding: t(`draw.rounding.${record.rounding}`),
              minimum: record.minimumPerStratum,
            })}
          </Descriptions.Item>
        </Descriptions>
        <Table<Stratum>
          rowKey={(s) => String(s.value)}
          size="small"
          pagination={false}
          dataSource={record.strata}
          columns={[
            {
              title: t("draw.stratum"),
              key: "stratum",
              width: 140,
              render: (_, s) => stratumName(record.by, s.value),
            },
            { title: t("draw.size"), dataIndex: "size", width: 80 },
            { title: t("draw.count"), dataIndex: "count", width: 80 },
            {
              title: t("draw.drawn"),
              key: "selected",
              render: (_, s) => (
                <Space size={[4, 4]} wrap>
                  {s.selected.map((code) => (
                    <Tag key={code} color="blue" data-testid="drawn-unit" data-code={code}>
                      {unitLabel(code)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">
          {t("draw.selected", { count: record.selected.length })}
        </Typography.Text>
        {error !== null && <ApiErrorAlert error={error} />}
        {verification !== null &&
          (verification.ok ? (
            <Alert type="success" showIcon title={t("draw.verifyOk", { seed: draw.seed })} />
          ) : (
            <Alert
              type="error"
              showIcon
              title={t("draw.verifyFailed", { message: verification.message ?? "" })}
            />
          ))}
        {verification !== null && !verification.populationUnchanged && (
          <Alert type="warning" showIcon title={t("draw.populationChanged")} />
        )}
      </Space>
    </Card>
  );
}

function NewDraw({
  campaign,
  units,
  onDrawn,
}: {
  campaign: Campaign;
  units: CampaignUnit[];
  onDrawn(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<DrawForm>();
  const [error, setError] = useState<ApiError | null>(null);
  const [drawing, setDrawing] = useState(false);
  const values = Form.useWatch([], form) as DrawForm | undefined;
  const { stratumName } = useLabels(campaign, units);
  const evaluated = units.filter((u) => u.role === "evaluated");
  const fraction = parseFraction(values?.fraction ?? "");
  const by = values?.by ?? "category";
  // A unit's kind is not in the campaign's unit list, so that stratification has no preview.
  const strata =
    fraction === undefined || by === "kind"
      ? []
      : strataSizes(
          evaluated.map((u) => (by === "none" ? null : by === "category" ? u.category : u.group)),
        ).map((s) => ({
          ...s,
          count: drawCount(s.size, fraction, values?.rounding ?? "ceil", values?.minimumPerStratum ?? 1),
        }));

  const draw = async () => {
    let v: DrawForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setDrawing(true);
    setError(null);
    try {
      await call(
        api.POST("/api/v1/campaigns/{id}/draws", {
          params: { path: { id: campaign.id } },
          body: {
            fraction: v.fraction.trim(),
            rounding: v.rounding,
            minimumPerStratum: v.minimumPerStratum,
            ...(v.by === "none" ? {} : { by: v.by }),
            ...(v.seed === undefined || v.seed.trim() === "" ? {} : { seed: v.seed.trim() }),
          },
        }),
      );
      form.setFieldValue("seed", "");
      onDrawn();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const fields = e.fieldErrors();
      const named = Object.entries(fields).filter(([name]) =>
        ["fraction", "seed", "by", "rounding", "minimumPerStratum"].includes(name),
      );
      if (named.length > 0)
        form.setFields(named.map(([name, errors]) => ({ name: name as keyof DrawForm, errors })));
      else setError(e);
    } finally {
      setDrawing(false);
    }
  };

  return (
    <Form<DrawForm>
      form={form}
      layout="inline"
      initialValues={{ fraction: "1/3", by: "category", rounding: "ceil", minimumPerStratum: 1, seed: "" }}
      style={{ rowGap: 12 }}
    >
      <Form.Item
        name="fraction"
        label={t("draw.fraction")}
        tooltip={t("draw.fractionHelp")}
        rules={[
          {
            validator: (_, v: string) =>
              parseFraction(v ?? "") === undefined
                ? Promise.reject(new Error(t("draw.fractionInvalid")))
                : Promise.resolve(),
          },
        ]}
      >
        <Input style={{ width: 90 }} />
      </Form.Item>
      <Form.Item name="by" label={t("draw.by")}>
        <Select
          style={{ width: 120 }}
          options={(["category", "group", "kind", "none"] as const).map((b) => ({
            value: b,
            label: t(`draw.by.${b}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="rounding" label={t("draw.rounding")}>
        <Select
          style={{ width: 210 }}
          options={(["ceil", "halfUp", "floor"] as const).map((r) => ({
            value: r,
            label: t(`draw.rounding.${r}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="minimumPerStratum" label={t("draw.minimum")}>
        <InputNumber min={0} precision={0} style={{ width: 70 }} />
      </Form.Item>
      <Form.Item label={t("draw.seed")} tooltip={t("draw.seedHelp")}>
        <Space.Compact>
          <Form.Item name="seed" noStyle>
            <Input aria-label={t("draw.seed")} style={{ width: 150 }} placeholder={t("draw.seedHelp")} />
          </Form.Item>
          <Button onClick={() => form.setFieldValue("seed", randomSeed())}>{t("draw.seedRandom")}</Button>
        </Space.Compact>
      </Form.Item>
      <Form.Item>
        <Popconfirm title={t("draw.confirm", { seed: values?.seed?.trim() || "—" })} onConfirm={draw}>
          <Button type="primary" loading={drawing}>
            {t("draw.submit")}
          </Button>
        </Popconfirm>
      </Form.Item>
      {strata.length > 0 && (
        <div style={{ width: "100%" }}>
          <Typography.Text type="secondary">
            {t("draw.preview")}：
            {strata
              .map((s) =>
                t("draw.previewLine", {
                  stratum: stratumName(by === "none" ? null : by, s.value === "" ? null : s.value),
                  size: s.size,
                  count: s.count,
                }),
              )
              .join("；")}
          </Typography.Text>
        </div>
      )}
      {error !== null && (
        <div style={{ width: "100%" }}>
          <ApiErrorAlert error={error} />
        </div>
      )}
    </Form>
  );
}

export function DrawCard({ campaign, draws, units, canDraw, onDrawn }: Props) {
  const { t } = useI18n();
  const canMake = canDraw && campaign.status !== "published";
  const latestFirst = [...draws].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Card size="small" title={t("draw.title")}>
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        <Typography.Text type="secondary">{canDraw ? t("draw.intro") : t("draw.readOnly")}</Typography.Text>
        {canMake && <NewDraw campaign={campaign} units={units} onDrawn={onDrawn} />}
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t("draw.history")}
        </Typography.Title>
        {latestFirst.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("draw.none")} />
        ) : (
          latestFirst.map((d) => <DrawResult key={d.id} campaign={campaign} draw={d} units={units} />)
        )}
      </Space>
    </Card>
  );
}
