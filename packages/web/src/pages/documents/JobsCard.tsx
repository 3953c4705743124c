/**
 * 批量生成: the organiser starts a background job (one kind of unit document, or the evidence archives, for every
 * unit) and follows its progress bar; the page polls while a job runs. Failed units are listed with their reasons,
 * and the result is a ZIP.
 */
import { App, Button, Card, List, Progress, Select, Space, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { api, call } from "../../api/client.js";
import { errorText } from "../../api/errors.js";
import type { DocumentKind, Job, JobSummary } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { isActive, progressStatus } from "./job-progress.js";
import { links } from "./links.js";

const ARCHIVES = "archives";
const POLL_MS = 1000;

function FailedUnits({ jobId }: { jobId: string }) {
  const { t } = useI18n();
  const { data } = useApi<Job>(
    () => call(api.GET("/api/v1/jobs/{id}", { params: { path: { id: jobId } } })),
    [jobId],
  );
  if (data === undefined || data.failures.length === 0) return null;
  return (
    <List
      size="small"
      header={t("documents.jobFailures", { count: data.failed })}
      dataSource={data.failures}
      renderItem={(f) => (
        <List.Item>
          <Typography.Text>
            {f.code} {f.name}：<Typography.Text type="danger">{f.error}</Typography.Text>
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

export function JobsCard({ campaignId, kinds }: { campaignId: string; kinds: readonly DocumentKind[] }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const unitKinds = kinds.filter((k) => k.scope === "unit");
  const [what, setWhat] = useState<string>(unitKinds[0]?.code ?? ARCHIVES);
  const [starting, setStarting] = useState(false);
  const jobs = useApi(
    () =>
      call(
        api.GET("/api/v1/campaigns/{campaignId}/jobs", {
          params: { path: { campaignId }, query: { limit: 20 } },
        }),
      ),
    [campaignId],
  );
  const running = jobs.data?.items.some(isActive) ?? false;
  const { reload } = jobs;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [running, reload]);

  const label = (job: JobSummary) =>
    job.kind === "archives"
      ? t("documents.batchArchives")
      : (kinds.find((k) => k.code === job.documentKind)?.[lang] ?? job.documentKind ?? "");

  const start = async () => {
    setStarting(true);
    try {
      const job = await call(
        api.POST("/api/v1/campaigns/{campaignId}/jobs", {
          params: { path: { campaignId } },
          body: what === ARCHIVES ? { kind: "archives" } : { kind: "documents", documentKind: what },
        }),
      );
      message.success(t("documents.batchStarted", { total: job.total }));
      reload();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setStarting(false);
    }
  };

  const cancel = async (job: JobSummary) => {
    try {
      await call(api.POST("/api/v1/jobs/{id}/cancel", { params: { path: { id: job.id } } }));
      message.success(t("documents.jobCancelled"));
      reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  return (
    <Card size="small" title={t("documents.batch")}>
      <Typography.Paragraph type="secondary">{t("documents.batchHint")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t("documents.batchKind")}
          style={{ width: 260 }}
          value={what}
          onChange={setWhat}
          options={[
            ...unitKinds.map((k) => ({ value: k.code, label: k[lang] })),
            { value: ARCHIVES, label: t("documents.batchArchives") },
          ]}
        />
        <Button type="primary" loading={starting} onClick={start}>
          {t("documents.batchStart")}
        </Button>
      </Space>
      <Table<JobSummary>
        size="small"
        rowKey="id"
        loading={jobs.loading && jobs.data === undefined}
        dataSource={jobs.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t("documents.noJobs") }}
        expandable={{
          rowExpandable: (job) => job.failed > 0,
          expandedRowRender: (job) => <FailedUnits jobId={job.id} />,
        }}
        columns={[
          { title: t("documents.jobWhat"), key: "what", render: (_, job) => label(job) },
          {
            title: t("documents.jobCreatedAt"),
            dataIndex: "createdAt",
            width: 170,
            render: (at: string) => formatDateTime(at),
          },
          {
            title: t("documents.jobProgress"),
            key: "progress",
            width: 320,
            render: (_, job) => (
              <div data-testid={`job-${job.id}`}>
                <Progress percent={job.percent} status={progressStatus(job)} size="small" />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <Tag>{t(`documents.job.${job.status}`)}</Tag>
                  {t("documents.jobCounts", { done: job.done, total: job.total, failed: job.failed })}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: "",
            key: "actions",
            width: 140,
            render: (_, job) =>
              isActive(job) ? (
                <Button size="small" onClick={() => cancel(job)}>
                  {t("documents.jobCancel")}
                </Button>
              ) : job.result !== null ? (
                <Button size="small" type="link" href={links.jobResult(job.id)}>
                  {t("documents.jobDownload")}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
