/** A scheme version's indicator tree (code, name, 分值, method, categories) beside the chosen indicator's rules. */
import { Card, Col, Descriptions, Empty, Input, Row, Space, Table, Tag, Typography, theme } from "antd";
import { useMemo, useState } from "react";
import type { MessageKey } from "../../i18n/dictionary.js";
import { useI18n } from "../../i18n/i18n.js";
import MethodRules from "./MethodRules.js";
import { plain } from "./scheme-rules.js";
import { definitionOf, type IndicatorNode, indicatorsByCode, type SchemeVersion } from "./scheme-types.js";

const METHOD_COLOURS: Record<string, string> = {
  manual: "blue",
  deductions: "volcano",
  checklist: "cyan",
  levels: "purple",
  boolean: "green",
  formula: "geekblue",
  satisfaction: "gold",
};

export function MethodTag({ method }: { method: string | null }) {
  const { t } = useI18n();
  if (method === null) return null;
  const key = `scheme.method.${method}` as MessageKey;
  return <Tag color={METHOD_COLOURS[method]}>{method in METHOD_COLOURS ? t(key) : method}</Tag>;
}

/** A table row: a leaf has no `children` at all (an empty list would still draw an expand button). */
type IndicatorRow = Omit<IndicatorNode, "children"> & { children?: IndicatorRow[] };

/** The nodes whose code or name contains the needle, with their ancestors (so the tree still reads). */
function filterTree(nodes: IndicatorNode[], needle: string): IndicatorRow[] {
  return nodes.flatMap((n) => {
    const hit = needle === "" || `${n.code} ${n.name}`.toLowerCase().includes(needle);
    const children = filterTree(n.children, hit ? "" : needle);
    if (!hit && children.length === 0) return [];
    const { children: _, ...row } = n;
    return [children.length === 0 ? row : { ...row, children }];
  });
}

const parentCodes = (rows: IndicatorRow[]): string[] =>
  rows.flatMap((r) => (r.children === undefined ? [] : [r.code, ...parentCodes(r.children)]));

export default function IndicatorTree({ version }: { version: SchemeVersion }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const definition = definitionOf(version);
  const byCode = useMemo(() => indicatorsByCode(definition), [definition]);
  const categoryNames = new Map(version.categories.map((c) => [c.code, c.name]));
  const [needle, setNeedle] = useState("");
  const [chosen, setChosen] = useState<string | null>(null);
  const nodes = useMemo(() => filterTree(version.indicators, needle.trim().toLowerCase()), [version, needle]);
  const parents = useMemo(() => parentCodes(nodes), [nodes]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const indicator = chosen === null ? undefined : byCode.get(chosen);

  return (
    <Row gutter={16}>
      <Col span={14}>
        <Card
          size="small"
          title={t("scheme.tree.title", { max: version.max })}
          extra={
            <Input.Search
              allowClear
              size="small"
              aria-label={t("scheme.tree.search")}
              placeholder={t("scheme.tree.search")}
              style={{ width: 200 }}
              onChange={(e) => setNeedle(e.target.value)}
            />
          }
        >
          <Table<IndicatorRow>
            size="small"
            rowKey="code"
            dataSource={nodes}
            pagination={false}
            scroll={{ y: 560 }}
            expandable={{
              expandedRowKeys: parents.filter((code) => !collapsed.has(code)),
              onExpand: (open, node) =>
                setCollapsed((prev) => {
                  const next = new Set(prev);
                  if (open) next.delete(node.code);
                  else next.add(node.code);
                  return next;
                }),
            }}
            onRow={(n) => ({
              onClick: () => setChosen(n.code),
              style: { cursor: "pointer", background: n.code === chosen ? token.colorPrimaryBg : undefined },
            })}
            columns={[
              { title: t("scheme.indicator.code"), dataIndex: "code", width: 120 },
              {
                title: t("scheme.indicator.name"),
                dataIndex: "name",
                render: (name: string, n) => (n.children === undefined ? name : <strong>{name}</strong>),
              },
              {
                title: t("scheme.indicator.max"),
                dataIndex: "max",
                width: 70,
                align: "right",
              },
              {
                title: t("scheme.indicator.method"),
                dataIndex: "method",
                width: 96,
                render: (m: string | null) => <MethodTag method={m} />,
              },
              {
                title: t("scheme.indicator.appliesTo"),
                dataIndex: "appliesTo",
                width: 96,
                render: (list: string[] | null) =>
                  list === null ? (
                    <Typography.Text type="secondary">{t("scheme.indicator.common")}</Typography.Text>
                  ) : (
                    list.map((c) => <Tag key={c}>{categoryNames.get(c) ?? c}</Tag>)
                  ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col span={10}>
        <Card
          size="small"
          title={
            indicator === undefined ? t("scheme.indicator.detail") : `${indicator.code} ${indicator.name}`
          }
          style={{ position: "sticky", top: 16 }}
        >
          {indicator === undefined ? (
            <Empty description={t("scheme.indicator.choose")} />
          ) : (
            <Space direction="vertical" size={12} style={{ width: "100%" }}>
              <Descriptions size="small" column={2}>
                <Descriptions.Item label={t("scheme.indicator.max")}>
                  {plain(indicator.max)}
                </Descriptions.Item>
                <Descriptions.Item label={t("scheme.indicator.method")}>
                  {indicator.method === undefined ? (
                    t("scheme.indicator.parent", { count: indicator.children?.length ?? 0 })
                  ) : (
                    <MethodTag method={indicator.method.type} />
                  )}
                </Descriptions.Item>
                {indicator.weight !== undefined && (
                  <Descriptions.Item label={t("scheme.indicator.weight")}>
                    {plain(indicator.weight)}
                  </Descriptions.Item>
                )}
                {indicator.notApplicable === true && (
                  <Descriptions.Item label={t("scheme.indicator.na")}>
                    {t("scheme.indicator.naAllowed")}
                  </Descriptions.Item>
                )}
              </Descriptions>
              {indicator.guidance !== undefined && (
                <div>
                  <Typography.Text strong>{t("scheme.indicator.guidance")}</Typography.Text>
                  <Typography.Paragraph style={{ marginBottom: 0 }}>
                    {indicator.guidance}
                  </Typography.Paragraph>
                </div>
              )}
              {indicator.method !== undefined && (
                <MethodRules method={indicator.method} max={indicator.max} />
              )}
              {(indicator.evidence?.length ?? 0) > 0 && (
                <div>
                  <Typography.Text strong>{t("scheme.indicator.evidence")}</Typography.Text>
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {indicator.evidence?.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                </div>
              )}
            </Space>
          )}
        </Card>
      </Col>
    </Row>
  );
}
