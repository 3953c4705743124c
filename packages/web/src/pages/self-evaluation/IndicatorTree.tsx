/** The indicator tree with each node's state: filled, not filled, problem, assigned department, live score. */
import {
  CalculatorOutlined,
  CheckCircleFilled,
  CloseCircleFilled,
  MinusCircleOutlined,
} from "@ant-design/icons";
import { Space, Tag, Tree, Typography } from "antd";
import type { DataNode } from "antd/es/tree/index.js";
import { useI18n } from "../../i18n/i18n.js";
import { isComputed, methodOf } from "./method-input.js";
import type { Item, SelfEvaluation } from "./types.js";

interface Props {
  view: SelfEvaluation;
  items: Item[];
  selected: string | null;
  onSelect(code: string): void;
}

export function IndicatorTree({ view, items, selected, onSelect }: Props) {
  const { t } = useI18n();
  const problemCodes = new Set(
    view.problems.filter((p) => p.path.startsWith("indicators.")).map((p) => p.path.slice(11)),
  );
  const departments = new Map(view.assignments.map((a) => [a.target, a.departmentName]));

  const title = (item: Item) => {
    const score = view.score?.indicators[item.code];
    const computed = isComputed(methodOf(item.method));
    const filled = item.input !== null && item.input !== undefined;
    let icon = null;
    if (item.leaf && problemCodes.has(item.code))
      icon = <CloseCircleFilled style={{ color: "#cf1322" }} aria-label={t("self.tree.problem")} />;
    else if (item.leaf && !computed)
      icon = filled ? (
        <CheckCircleFilled style={{ color: "#389e0d" }} aria-label={t("self.tree.filled")} />
      ) : (
        <MinusCircleOutlined style={{ color: "#8c8c8c" }} aria-label={t("self.tree.empty")} />
      );
    const department = departments.get(item.code);
    return (
      <Space size={4} data-code={item.code}>
        {icon}
        <span>
          {item.code} {item.name}
        </span>
        {item.leaf && computed && (
          <CalculatorOutlined
            style={{ color: "#8c8c8c" }}
            title={t("self.tree.computed")}
            aria-label={t("self.tree.computed")}
          />
        )}
        {score !== undefined && (
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
            {Number(score.score)}/{Number(score.max)}
          </Typography.Text>
        )}
        {department !== undefined && department !== null && (
          <Tag color="purple" style={{ marginInlineEnd: 0 }}>
            {department}
          </Tag>
        )}
      </Space>
    );
  };

  const codes = new Set(items.map((i) => i.code));
  const build = (parent: string | null): DataNode[] =>
    items
      .filter((i) => (parent === null ? i.parent === null || !codes.has(i.parent) : i.parent === parent))
      .map((i) => ({ key: i.code, title: title(i), children: i.leaf ? undefined : build(i.code) }));

  return (
    <Tree
      blockNode
      defaultExpandAll
      selectedKeys={selected === null ? [] : [selected]}
      treeData={build(null)}
      onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
    />
  );
}
