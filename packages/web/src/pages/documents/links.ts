/** The API addresses of generated files: documents, workbooks, archives and batch results. */
const BASE = "/api/v1";
const e = encodeURIComponent;

const selfEvaluation = (campaignId: string, organisationId: string) =>
  `${BASE}/campaigns/${e(campaignId)}/self-evaluations/${e(organisationId)}`;

export const links = {
  /** Any document kind; unit documents name the unit. */
  document(campaignId: string, kind: string, organisationId?: string): string {
    const query = organisationId === undefined ? "" : `?organisationId=${e(organisationId)}`;
    return `${BASE}/campaigns/${e(campaignId)}/documents/${e(kind)}${query}`;
  },
  selfEvaluationWorkbook: (campaignId: string, organisationId: string) =>
    `${selfEvaluation(campaignId, organisationId)}/workbook`,
  tableWorkbook: (campaignId: string, organisationId: string, tableCode: string) =>
    `${selfEvaluation(campaignId, organisationId)}/tables/${e(tableCode)}/workbook`,
  unitArchive: (campaignId: string, organisationId: string) =>
    `${selfEvaluation(campaignId, organisationId)}/archive`,
  campaignArchive: (campaignId: string) => `${BASE}/campaigns/${e(campaignId)}/archive`,
  ranking: (runId: string) => `${BASE}/grading-runs/${e(runId)}/ranking.xlsx`,
  scores: (campaignId: string) => `${BASE}/campaigns/${e(campaignId)}/scores.xlsx`,
  jobResult: (jobId: string) => `${BASE}/jobs/${e(jobId)}/result`,
  starterTemplate: (kind: string) => `${BASE}/document-kinds/${e(kind)}/starter-template`,
  template: (organisationId: string, kind: string) =>
    `${BASE}/organisations/${e(organisationId)}/document-templates/${e(kind)}`,
};
