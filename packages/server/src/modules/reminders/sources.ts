/** Every deadline source the reminders look at. */
import { caseDeadlineSource } from "../cases/case-deadline-source.js";
import { rectificationDeadlines } from "../rectification/rectification-deadlines.js";
import type { DeadlineSource } from "./deadline-source.js";
import { assignmentDeadlines } from "./sources/assignment-deadlines.js";
import { stageDeadlines } from "./sources/stage-deadlines.js";

export const deadlineSources: ReadonlyArray<DeadlineSource> = [
  stageDeadlines,
  assignmentDeadlines,
  rectificationDeadlines,
  caseDeadlineSource,
];
