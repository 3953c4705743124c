/** The unit's base data, self-evaluation report and claimed bonus, beside the score entry. */
import { Card, Descriptions, Empty, Tabs, Typography } from "antd";
import { useI18n } from "../../i18n/i18n.js";
import type { UnitReview } from "./review-types.js";

interface Field {
  code: string;
  name?: string;
  unit?: string;
}

function show(value: unknown, yesNo: [string, string]): string {
  if (value === true) return yesNo[0];
  if (value === false) return yesNo[1];
  return value === null || value === undefined ? "—" : String(value);
}

export function UnitMaterial({
  selfEvaluation,
  fields,
}: {
  selfEvaluation: NonNullable<UnitReview["selfEvaluation"]>;
  fields: unknown[];
}) {
  const { t } = useI18n();
  const yesNo: [string, string] = [t("review.entry.yes"), t("review.entry.no")];
  const known = new Map(
    fields
      .filter((f): f is Field => typeof f === "object" && f !== null && typeof (f as Field).code === "string")
      .map((f) => [f.code, f]),
  );
  // In the scheme's order of fields (as the unit filled them in), any the scheme no longer names last.
  const order = [...known.keys()];
  const position = (code: string) => (known.has(code) ? order.indexOf(code) : order.length);
  const data = Object.entries(selfEvaluation.data).sort(([a], [b]) => position(a) - position(b));
  const report = Object.entries(selfEvaluation.report).filter(([, text]) => text.trim() !== "");
  const bonus = Object.entries(selfEvaluation.bonusClaimed);
  return (
    <Card size="small" styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        size="small"
        items={[
          {
            key: "data",
            label: t("review.entry.data"),
            children:
              data.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("review.entry.noData")} />
              ) : (
                <Descriptions size="small" column={1} bordered styles={{ label: { width: "58%" } }}>
                  {data.map(([code, value]) => {
                    const field = known.get(code);
                    return (
                      <Descriptions.Item key={code} label={field?.name ?? code}>
                        {show(value, yesNo)}
                        {field?.unit !== undefined && typeof value === "number" ? ` ${field.unit}` : ""}
                      </Descriptions.Item>
                    );
                  })}
                </Descriptions>
              ),
          },
          {
            key: "report",
            label: t("review.entry.report"),
            children:
              report.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                report.map(([title, text]) => (
                  <div key={title} style={{ marginBottom: 12 }}>
                    <Typography.Text strong>{title}</Typography.Text>
                    <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: "pre-wrap" }}>
                      {text}
                    </Typography.Paragraph>
                  </div>
                ))
              ),
          },
          ...(bonus.length === 0
            ? []
            : [
                {
                  key: "bonus",
                  label: t("review.entry.bonus"),
                  children: (
                    <Descriptions size="small" column={1} bordered>
                      {bonus.map(([code, points]) => (
                        <Descriptions.Item key={code} label={code}>
                          {points}
                        </Descriptions.Item>
                      ))}
                    </Descriptions>
                  ),
                },
              ]),
        ]}
      />
    </Card>
  );
}
