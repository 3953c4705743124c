import { describe, expect, it } from "vitest";
import { taskLink } from "./tasks.js";

describe("the screen of a to-do", () => {
  const campaignId = "c1";
  it("opens the self-evaluation form for the unit's and the department's tasks", () => {
    expect(taskLink({ kind: "self_evaluation", links: { campaignId, organisationId: "o1" } })).toBe(
      "/campaigns/c1/self-evaluations/o1",
    );
    expect(
      taskLink({ kind: "assigned_task", links: { campaignId, organisationId: "o1", target: "A4" } }),
    ).toBe("/campaigns/c1/self-evaluations/o1");
  });

  it("opens the reviewer's score sheet of the unit and group", () => {
    expect(taskLink({ kind: "review", links: { campaignId, organisationId: "o1", groupCode: "LD" } })).toBe(
      "/campaigns/c1/units/o1/review/LD",
    );
  });

  it("opens the campaign at the tab where an open stage's work is done", () => {
    expect(taskLink({ kind: "open_stage", links: { campaignId, stage: "review" } })).toBe(
      "/campaigns/c1?tab=review",
    );
    expect(taskLink({ kind: "open_stage", links: { campaignId, stage: "publicity" } })).toBe(
      "/campaigns/c1?tab=grading",
    );
    expect(taskLink({ kind: "open_stage", links: { campaignId, stage: "self_evaluation" } })).toBe(
      "/campaigns/c1?tab=overview",
    );
    expect(taskLink({ kind: "objection", links: { campaignId, objectionId: "x" } })).toBe(
      "/campaigns/c1?tab=grading",
    );
    expect(taskLink({ kind: "watch_campaign", links: { campaignId } })).toBe("/campaigns/c1");
  });

  it("opens the rectification item for the unit's and the organiser's 整改 to-dos", () => {
    for (const kind of ["rectification", "rectification_verification", "rectification_overdue"] as const)
      expect(taskLink({ kind, links: { campaignId, rectificationItemId: "r1" } })).toBe(
        "/rectification-items/r1",
      );
    expect(taskLink({ kind: "rectification_overdue", links: { campaignId } })).toBe(
      "/campaigns/c1?tab=rectification",
    );
  });
});
