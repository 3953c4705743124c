/**
 * 组织机构: the organisation tree within the user's scope, searchable; the chosen organisation's details and
 * people; adding a child, changing an organisation, and links to its audit trail and results across years.
 * (The API has no way to disable or delete an organisation: one that stops being evaluated is left out of campaigns.)
 */
import { EditOutlined, HistoryOutlined, LineChartOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Tag, Tree, Typography } from "antd";
import { useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { api, call } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { useSignedIn } from "../../auth/session.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import OrganisationFormModal, { type OrganisationEdit } from "./OrganisationFormModal.js";
import OrganisationUsers from "./OrganisationUsers.js";
import {
  buildTree,
  filterTree,
  type Organisation,
  type OrganisationNode,
  organises,
  parentIds,
} from "./organisation-tree.js";

interface TreeItem {
  key: string;
  title: React.ReactNode;
  children: TreeItem[];
}

const distinct = (values: (string | null)[]) =>
  [...new Set(values.filter((v): v is string => v !== null && v !== ""))].sort((a, b) =>
    a.localeCompare(b, "zh-CN"),
  );

export default function OrganisationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSignedIn();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const chosenId = search.get("id");
  const [needle, setNeedle] = useState("");
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [edit, setEdit] = useState<OrganisationEdit | null>(null);
  const { data, error, loading, reload } = useApi(
    () => call(api.GET("/api/v1/organisations", { params: { query: { limit: 500 } } })),
    [],
  );

  const items = data?.items ?? [];
  const tree = useMemo(() => buildTree(items), [items]);
  const shown = useMemo(() => filterTree(tree, needle), [tree, needle]);
  const admin = session.user.grants.some((g) => g.role === "admin");
  const organiserAt = useMemo(
    () =>
      new Set(
        session.user.grants.flatMap((g) =>
          g.role === "organiser" && g.organisationId !== null ? [g.organisationId] : [],
        ),
      ),
    [session],
  );

  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading && data === undefined) return <PageSpinner />;

  const byId = new Map(items.map((o) => [o.id, o]));
  const chosen = (chosenId === null ? undefined : byId.get(chosenId)) ?? tree[0]?.organisation;
  const parent = chosen?.parentId === null || chosen === undefined ? undefined : byId.get(chosen.parentId);
  // An organisation gets children from its organisers and is changed by its parent's (roots by administrators).
  const mayAddChild = chosen !== undefined && (admin || organises(items, organiserAt, chosen.id));
  const mayEdit =
    chosen !== undefined &&
    (admin || (chosen.parentId !== null && organises(items, organiserAt, chosen.parentId)));
  const childCount = items.filter((o) => o.parentId === chosen?.id).length;

  const toItems = (nodes: OrganisationNode[]): TreeItem[] =>
    nodes.map((n) => ({
      key: n.organisation.id,
      title: (
        <span>
          {n.organisation.name}{" "}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {n.organisation.code}
          </Typography.Text>
        </span>
      ),
      children: toItems(n.children),
    }));
  const openKeys = needle.trim() !== "" ? parentIds(shown) : (expanded ?? tree.map((n) => n.organisation.id));

  function saved(organisation: Organisation) {
    const created = edit?.mode === "create";
    setEdit(null);
    message.success(t(created ? "org.created" : "org.updated", { name: organisation.name }));
    if (created && chosen !== undefined)
      setExpanded((prev) => [...new Set([...(prev ?? openKeys), chosen.id])]);
    setSearch({ id: organisation.id }, { replace: true });
    reload();
  }

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="360px">
        <Card size="small" title={t("org.tree.title", { count: items.length })}>
          <Space direction="vertical" size={12} style={{ width: "100%" }}>
            <Input.Search
              allowClear
              aria-label={t("org.tree.search")}
              placeholder={t("org.tree.search")}
              onChange={(e) => setNeedle(e.target.value)}
            />
            {shown.length === 0 ? (
              <Empty description={t("org.tree.none")} />
            ) : (
              <Tree<TreeItem>
                aria-label={t("org.tree.title", { count: items.length })}
                blockNode
                showLine
                height={640}
                treeData={toItems(shown)}
                expandedKeys={openKeys}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={chosen === undefined ? [] : [chosen.id]}
                onSelect={(keys) => keys.length > 0 && setSearch({ id: String(keys[0]) }, { replace: true })}
              />
            )}
          </Space>
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        {chosen === undefined ? (
          <Card size="small">
            <Empty description={t("org.none")} />
          </Card>
        ) : (
          <Space direction="vertical" size={16} style={{ width: "100%" }}>
            <Card
              size="small"
              title={
                <Space>
                  <span>{chosen.name}</span>
                  <Tag>{chosen.kind}</Tag>
                </Space>
              }
              extra={
                <Space wrap>
                  {mayAddChild && (
                    <Button
                      size="small"
                      type="primary"
                      icon={<PlusOutlined />}
                      onClick={() => setEdit({ mode: "create", parent: chosen })}
                    >
                      {t("org.addChild")}
                    </Button>
                  )}
                  {mayEdit && (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEdit({ mode: "edit", organisation: chosen })}
                    >
                      {t("org.edit")}
                    </Button>
                  )}
                  <Button
                    size="small"
                    icon={<HistoryOutlined />}
                    onClick={() => navigate(`/organisations/${chosen.id}/audit`)}
                  >
                    {t("org.auditTrail")}
                  </Button>
                  <Button
                    size="small"
                    icon={<LineChartOutlined />}
                    onClick={() => navigate(`/organisations/${chosen.id}/results`)}
                  >
                    {t("org.results")}
                  </Button>
                </Space>
              }
            >
              <Descriptions size="small" column={2} bordered>
                <Descriptions.Item label={t("org.name")}>{chosen.name}</Descriptions.Item>
                <Descriptions.Item label={t("org.code")}>{chosen.code}</Descriptions.Item>
                <Descriptions.Item label={t("org.kind")}>{chosen.kind}</Descriptions.Item>
                <Descriptions.Item label={t("org.category")}>{chosen.category ?? "—"}</Descriptions.Item>
                <Descriptions.Item label={t("org.parent")}>
                  {parent === undefined ? (
                    "—"
                  ) : (
                    <Button
                      type="link"
                      size="small"
                      style={{ paddingInline: 0, height: "auto" }}
                      onClick={() => setSearch({ id: parent.id }, { replace: true })}
                    >
                      {parent.name}
                    </Button>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t("org.children")}>{childCount}</Descriptions.Item>
              </Descriptions>
            </Card>
            <OrganisationUsers key={chosen.id} organisation={chosen} manageable={mayAddChild} />
          </Space>
        )}
      </Col>
      {edit !== null && (
        <OrganisationFormModal
          edit={edit}
          tree={tree}
          organises={(id) => admin || organises(items, organiserAt, id)}
          kinds={distinct(items.map((o) => o.kind))}
          categories={distinct(items.map((o) => o.category))}
          onDone={saved}
          onCancel={() => setEdit(null)}
        />
      )}
    </Row>
  );
}
