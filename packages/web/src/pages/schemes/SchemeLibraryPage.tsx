/** 指标体系库: the schemes the user can see, with their versions, and importing one from YAML or JSON. */
import { ImportOutlined } from "@ant-design/icons";
import { Button, Card, Input, Space, Table, Tag } from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { api, call } from "../../api/client.js";
import { useApi } from "../../api/use-api.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import SchemeImportCard from "./SchemeImportCard.js";
import type { SchemeSummary } from "./scheme-types.js";

export default function SchemeLibraryPage() {
  const { t } = useI18n();
  const [importing, setImporting] = useState(false);
  const [needle, setNeedle] = useState("");
  const { data, error, loading, reload } = useApi(
    () => call(api.GET("/api/v1/schemes", { params: { query: { limit: 500 } } })),
    [],
  );
  const items = useMemo(() => {
    const all = data?.items ?? [];
    const q = needle.trim().toLowerCase();
    return q === "" ? all : all.filter((s) => `${s.code} ${s.name} ${s.ownerName}`.toLowerCase().includes(q));
  }, [data, needle]);
  const owners = [...new Set((data?.items ?? []).map((s) => s.ownerName))];

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {importing && <SchemeImportCard onImported={reload} onClose={() => setImporting(false)} />}
      <Card
        size="small"
        title={t("scheme.library")}
        extra={
          <Space>
            <Input.Search
              allowClear
              aria-label={t("scheme.search")}
              placeholder={t("scheme.search")}
              style={{ width: 240 }}
              onChange={(e) => setNeedle(e.target.value)}
            />
            <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting((v) => !v)}>
              {t("scheme.import")}
            </Button>
          </Space>
        }
      >
        {error !== undefined ? (
          <ApiErrorAlert error={error} onRetry={reload} />
        ) : (
          <Table<SchemeSummary>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              {
                title: t("scheme.name"),
                dataIndex: "name",
                sorter: (a, b) => a.name.localeCompare(b.name, "zh-CN"),
                render: (name: string, s) => <Link to={`/schemes/${s.id}`}>{name}</Link>,
              },
              {
                title: t("scheme.code"),
                dataIndex: "code",
                width: 220,
                sorter: (a, b) => a.code.localeCompare(b.code),
              },
              {
                title: t("scheme.owner"),
                dataIndex: "ownerName",
                filters: owners.map((o) => ({ text: o, value: o })),
                onFilter: (value, s) => s.ownerName === value,
              },
              {
                title: t("scheme.latestVersion"),
                dataIndex: "latestLabel",
                width: 110,
                render: (label: string | null) => (label === null ? "—" : <Tag>{label}</Tag>),
              },
              {
                title: t("scheme.versionCount"),
                dataIndex: "versionCount",
                width: 90,
                align: "right",
                sorter: (a, b) => a.versionCount - b.versionCount,
              },
              {
                title: t("scheme.createdAt"),
                dataIndex: "createdAt",
                width: 150,
                sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
                render: (at: string) => formatDateTime(at),
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
