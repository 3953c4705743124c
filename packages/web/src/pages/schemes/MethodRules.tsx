/** How one leaf is scored: its method's rules (deductions, checklist items, levels, formula and value scoring). */
import { Descriptions, Space, Table, Tag, Typography } from "antd";
import { useI18n } from "../../i18n/i18n.js";
import { bandCondition, operator, percent, plain, pointsOf } from "./scheme-rules.js";
import type { Band, Method, ValueScoring } from "./scheme-types.js";

type Decimal = number | string;

/** Labels of the rule tables stay on one line (the value column takes the rest). */
const LABEL = { label: { width: 96, whiteSpace: "nowrap" } } as const;

const Code = ({ children }: { children: string }) => (
  <Typography.Text code style={{ whiteSpace: "pre-wrap" }}>
    {children}
  </Typography.Text>
);

function ScoringRules({ scoring, max }: { scoring: ValueScoring; max: Decimal }) {
  const { t } = useI18n();
  switch (scoring.type) {
    case "direct":
      return <span>{t("scheme.scoring.direct")}</span>;
    case "share":
      return <span>{t("scheme.scoring.share")}</span>;
    case "threshold":
      return (
        <span>
          {t("scheme.scoring.threshold", {
            op: operator(scoring.op),
            value: plain(scoring.value),
            pass: pointsOf(scoring.pass ?? 1, max),
            fail: pointsOf(scoring.fail ?? 0, max),
          })}
        </span>
      );
    case "bands":
      return (
        <Table<Band>
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={scoring.bands}
          columns={[
            {
              title: t("scheme.scoring.condition"),
              key: "when",
              render: (_, b) => bandCondition(b) ?? t("scheme.scoring.otherwise"),
            },
            { title: t("scheme.scoring.label"), dataIndex: "label", render: (l?: string) => l ?? "—" },
            {
              title: t("scheme.points"),
              key: "points",
              align: "right",
              render: (_, b) =>
                b.score !== undefined
                  ? plain(b.score)
                  : `${pointsOf(b.share ?? 0, max)}（${percent(b.share ?? 0)}）`,
            },
          ]}
        />
      );
    case "linear":
      return (
        <Space direction="vertical" size={4}>
          <span>{t("scheme.scoring.linear")}</span>
          <Space wrap size={4}>
            {scoring.points.map(([value, share]) => (
              <Tag key={String(value)}>
                {plain(value)} → {pointsOf(share, max)}
              </Tag>
            ))}
          </Space>
        </Space>
      );
  }
}

export default function MethodRules({ method, max }: { method: Method; max: Decimal }) {
  const { t } = useI18n();
  switch (method.type) {
    case "manual":
      return (
        <span>
          {method.step === undefined
            ? t("scheme.manual.free", { max: plain(max) })
            : t("scheme.manual.step", { max: plain(max), step: plain(method.step) })}
        </span>
      );
    case "deductions":
      return (
        <Table
          size="small"
          pagination={false}
          rowKey="code"
          dataSource={method.rules}
          columns={[
            { title: t("scheme.rule.code"), dataIndex: "code", width: 70 },
            { title: t("scheme.rule.text"), dataIndex: "text" },
            {
              title: t("scheme.rule.deduct"),
              key: "points",
              width: 110,
              align: "right",
              render: (_, r) =>
                r.perOccurrence === true
                  ? t("scheme.rule.perOccurrence", { points: plain(r.points) })
                  : plain(r.points),
            },
            {
              title: t("scheme.rule.cap"),
              dataIndex: "cap",
              width: 70,
              align: "right",
              render: (cap?: Decimal) => (cap === undefined ? "—" : plain(cap)),
            },
          ]}
        />
      );
    case "checklist":
      return (
        <Table
          size="small"
          pagination={false}
          rowKey="code"
          dataSource={method.items}
          columns={[
            { title: t("scheme.rule.code"), dataIndex: "code", width: 70 },
            { title: t("scheme.item.text"), dataIndex: "text" },
            {
              title: t("scheme.points"),
              dataIndex: "points",
              width: 80,
              align: "right",
              render: (p: Decimal) => plain(p),
            },
          ]}
        />
      );
    case "levels":
      return (
        <Table
          size="small"
          pagination={false}
          rowKey="code"
          dataSource={method.levels}
          columns={[
            { title: t("scheme.rule.code"), dataIndex: "code", width: 70 },
            { title: t("scheme.level.name"), dataIndex: "name" },
            {
              title: t("scheme.level.share"),
              dataIndex: "share",
              width: 90,
              render: (s: Decimal) => percent(s),
            },
            {
              title: t("scheme.points"),
              key: "points",
              width: 80,
              align: "right",
              render: (_, l) => pointsOf(l.share, max),
            },
          ]}
        />
      );
    case "boolean":
      return (
        <Descriptions size="small" column={1} bordered styles={LABEL}>
          {method.text !== undefined && (
            <Descriptions.Item label={t("scheme.boolean.text")}>{method.text}</Descriptions.Item>
          )}
          <Descriptions.Item label={t("scheme.boolean.met")}>
            {pointsOf(method.trueShare ?? 1, max)}
          </Descriptions.Item>
          <Descriptions.Item label={t("scheme.boolean.notMet")}>
            {pointsOf(method.falseShare ?? 0, max)}
          </Descriptions.Item>
        </Descriptions>
      );
    case "formula":
      return (
        <Descriptions size="small" column={1} bordered styles={LABEL}>
          <Descriptions.Item label={t("scheme.formula.value")}>
            <Code>{method.value}</Code>
          </Descriptions.Item>
          <Descriptions.Item label={t("scheme.formula.scoring")}>
            <ScoringRules scoring={method.scoring} max={max} />
          </Descriptions.Item>
        </Descriptions>
      );
    case "satisfaction":
      return (
        <Descriptions size="small" column={1} bordered styles={LABEL}>
          <Descriptions.Item label={t("scheme.satisfaction.answers")}>
            <Space wrap size={4}>
              {method.answers.map((a) => (
                <Tag key={a.code} color={a.satisfied === true ? "green" : undefined}>
                  {a.name}
                  {a.points !== undefined ? ` ${plain(a.points)}` : ""}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t("scheme.satisfaction.measure")}>
            {method.measure === "mean" ? t("scheme.satisfaction.mean") : t("scheme.satisfaction.rate")}
          </Descriptions.Item>
          {method.minResponses !== undefined && (
            <Descriptions.Item label={t("scheme.satisfaction.minResponses")}>
              {method.minResponses}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t("scheme.formula.scoring")}>
            <ScoringRules scoring={method.scoring} max={max} />
          </Descriptions.Item>
        </Descriptions>
      );
  }
}
