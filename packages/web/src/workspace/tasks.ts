/**
 * The workspace's to-do list, built from the existing endpoints: for organisers the open stage of each running
 * campaign (GET /campaigns, /campaigns/:id/progress), for unit roles their self-evaluations, for reviewers their
 * unsubmitted score sheets (GET /reviews). Overdue items first, then by deadline, those without one last.
 * When the server has GET /me/tasks (the server's own list, ordered the same way), that is used instead.
 */
import { api, call } from "../api/client.js";
import { ApiError } from "../api/errors.js";
import type { Campaign, CampaignSummary, Session } from "../api/types.js";
import { kindOf, rolesOf, unitOrganisations } from "../auth/roles.js";
import type { MessageKey } from "../i18n/dictionary.js";

export interface Task {
  key: string;
  /** The title as a dictionary message with its values, or as the server wrote it (GET /me/tasks). */
  title:
    | { key: MessageKey; params: Record<string, string | number> }
    | { text: string; detail: string | null };
  campaignId: string;
  campaignName: string;
  deadline: string | null;
  overdue: boolean;
  /** Where the task is done in the app. */
  link: string;
}

export interface Workspace {
  tasks: Task[];
  runningCampaigns: number;
}

const byUrgency = (a: Task, b: Task): number => {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.deadline === null || b.deadline === null)
    return a.deadline === null ? (b.deadline === null ? 0 : 1) : -1;
  return a.deadline.localeCompare(b.deadline);
};

const isOverdue = (deadline: string | null, now: number): boolean =>
  deadline !== null && new Date(deadline).getTime() < now;

async function runningCampaigns(): Promise<CampaignSummary[]> {
  const page = await call(
    api.GET("/api/v1/campaigns", { params: { query: { status: "running", limit: 200 } } }),
  );
  return page.items;
}

async function organiserTasks(campaigns: CampaignSummary[], now: number): Promise<Task[]> {
  // An organiser sees the campaigns of their organisation; progress of one they may only view answers 403.
  const progress = await Promise.allSettled(
    campaigns.map((c) =>
      call(
        api.GET("/api/v1/campaigns/{id}/progress", { params: { path: { id: c.id }, query: { limit: 1 } } }),
      ),
    ),
  );
  return progress.flatMap((result, i) => {
    if (result.status !== "fulfilled") return [];
    const campaign = campaigns[i]!;
    const stage = result.value.stages.find((s) => s.open);
    if (stage === undefined) return [];
    const late = stage.late.length;
    const title: Task["title"] =
      late > 0
        ? { key: "workspace.taskFollowStage", params: { stage: stage.name, late } }
        : { key: "workspace.taskStage", params: { stage: stage.name } };
    const task: Task = {
      key: `stage:${campaign.id}:${stage.stage}`,
      title,
      campaignId: campaign.id,
      campaignName: campaign.name,
      deadline: stage.deadline,
      overdue: late > 0 || isOverdue(stage.deadline, now),
      link: `/campaigns/${campaign.id}`,
    };
    return [task];
  });
}

async function unitTasks(session: Session, campaigns: CampaignSummary[], now: number): Promise<Task[]> {
  const units = unitOrganisations(session);
  const open = campaigns.filter((c) => c.currentStage === "self_evaluation");
  const details = await Promise.all(
    open.map((c) => call(api.GET("/api/v1/campaigns/{id}", { params: { path: { id: c.id } } }))),
  );
  const pairs = details.flatMap((campaign) => units.map((unit) => ({ campaign, unit })));
  const results = await Promise.allSettled(
    pairs.map(({ campaign, unit }) =>
      call(
        api.GET("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}", {
          params: { path: { campaignId: campaign.id, organisationId: unit } },
        }),
      ),
    ),
  );
  return results.flatMap((result, i) => {
    // A unit not taking part in that campaign answers 404: no task.
    if (result.status !== "fulfilled") return [];
    const evaluation = result.value;
    if (evaluation.status !== "draft" && evaluation.status !== "returned") return [];
    const { campaign } = pairs[i]!;
    const deadline = stageDeadline(campaign, "self_evaluation");
    return [
      {
        key: `self:${campaign.id}:${evaluation.unit.id}`,
        title: {
          key: evaluation.status === "returned" ? "workspace.taskReturned" : "workspace.taskSelfEvaluation",
          params: { unit: evaluation.unit.name },
        },
        campaignId: campaign.id,
        campaignName: campaign.name,
        deadline,
        overdue: isOverdue(deadline, now),
        link: `/campaigns/${campaign.id}`,
      } satisfies Task,
    ];
  });
}

function stageDeadline(campaign: Campaign, stage: string): string | null {
  return campaign.stages.find((s) => s.stage === stage)?.deadline ?? null;
}

async function reviewerTasks(now: number): Promise<Task[]> {
  const reviews = await call(api.GET("/api/v1/reviews", { params: { query: { limit: 500 } } }));
  const pending = reviews.items.filter((r) => !r.submitted);
  const ids = [...new Set(pending.map((r) => r.campaignId))];
  const campaigns = new Map(
    (
      await Promise.all(
        ids.map((id) => call(api.GET("/api/v1/campaigns/{id}", { params: { path: { id } } }))),
      )
    ).map((c) => [c.id, c]),
  );
  return pending.map((review) => {
    const campaign = campaigns.get(review.campaignId);
    const deadline = campaign === undefined ? null : stageDeadline(campaign, "review");
    const group = campaign?.raterGroups.find((g) => g.code === review.groupCode)?.name ?? review.groupCode;
    return {
      key: `review:${review.campaignId}:${review.organisationId}:${review.groupCode}`,
      title: { key: "workspace.taskReview", params: { unit: review.organisationName, group } },
      campaignId: review.campaignId,
      campaignName: review.campaignName,
      deadline,
      overdue: isOverdue(deadline, now),
      link: `/campaigns/${review.campaignId}`,
    } satisfies Task;
  });
}

/** The server's own to-do list, or null when this server has no GET /me/tasks. */
async function serverTasks(): Promise<Task[] | null> {
  try {
    const page = await call(api.GET("/api/v1/me/tasks", { params: { query: { limit: 500 } } }));
    return page.items.map((task) => ({
      key: task.key,
      title: { text: task.title, detail: task.detail },
      campaignId: task.campaignId,
      campaignName: task.campaignName,
      deadline: task.deadline,
      overdue: task.overdue,
      link: `/campaigns/${task.campaignId}`,
    }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export async function loadWorkspace(session: Session, now = Date.now()): Promise<Workspace> {
  const [campaigns, fromServer] = await Promise.all([runningCampaigns(), serverTasks()]);
  if (fromServer !== null) return { tasks: fromServer.sort(byUrgency), runningCampaigns: campaigns.length };
  const kinds = new Set(rolesOf(session).map(kindOf));
  const parts = await Promise.all([
    kinds.has("organiser") ? organiserTasks(campaigns, now) : [],
    kinds.has("unit") ? unitTasks(session, campaigns, now) : [],
    kinds.has("reviewer") ? reviewerTasks(now) : [],
  ]);
  return { tasks: parts.flat().sort(byUrgency), runningCampaigns: campaigns.length };
}
