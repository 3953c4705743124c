/**
 * The workspace's to-do list: the server's own list (GET /me/tasks, overdue first, then by deadline), each item
 * linked to the screen where it is done.
 */
import { api, call } from "../api/client.js";
import type { ResponseOf } from "../api/types.js";

type ServerTask = ResponseOf<"/api/v1/me/tasks", "get">["items"][number];

export interface Task {
  key: string;
  title: string;
  detail: string | null;
  campaignId: string;
  campaignName: string;
  deadline: string | null;
  overdue: boolean;
  /** Where the task is done in the app. */
  link: string;
}

export interface Workspace {
  tasks: Task[];
  overdue: number;
  runningCampaigns: number;
}

/** The screen of a to-do: the self-evaluation form, the score sheet, or the campaign at the tab for its stage. */
export function taskLink(task: Pick<ServerTask, "kind" | "links">): string {
  const { campaignId, organisationId, groupCode } = task.links;
  const campaign = `/campaigns/${campaignId}`;
  switch (task.kind) {
    case "self_evaluation":
    case "assigned_task":
      return organisationId === undefined ? campaign : `${campaign}/self-evaluations/${organisationId}`;
    case "review":
      return organisationId === undefined || groupCode === undefined
        ? campaign
        : `${campaign}/units/${organisationId}/review/${groupCode}`;
    case "objection":
      return `${campaign}?tab=grading`;
    case "open_stage":
      return `${campaign}?tab=${STAGE_TABS[task.links.stage ?? ""] ?? "overview"}`;
    case "rectification":
    case "rectification_verification":
    case "rectification_overdue":
      return task.links.rectificationItemId === undefined
        ? `${campaign}?tab=rectification`
        : `/rectification-items/${task.links.rectificationItemId}`;
    default:
      return campaign;
  }
}

/** The campaign tab where a stage's work is done: review and sampling, grading and publicity, else the overview. */
const STAGE_TABS: Record<string, string> = {
  review: "review",
  grading: "grading",
  publicity: "grading",
};

export async function loadWorkspace(): Promise<Workspace> {
  const [campaigns, tasks] = await Promise.all([
    call(api.GET("/api/v1/campaigns", { params: { query: { status: "running", limit: 1 } } })),
    call(api.GET("/api/v1/me/tasks", { params: { query: { limit: 500 } } })),
  ]);
  return {
    tasks: tasks.items.map((task) => ({
      key: task.key,
      title: task.title,
      detail: task.detail,
      campaignId: task.campaignId,
      campaignName: task.campaignName,
      deadline: task.deadline,
      overdue: task.overdue,
      link: taskLink(task),
    })),
    overdue: tasks.overdue,
    runningCampaigns: campaigns.total,
  };
}
