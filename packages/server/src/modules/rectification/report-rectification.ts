/**
 * 报告整改完成: the unit reports an item done (整改中 → 已整改). All four specifics and the responsible person must be
 * filled in, and at least one evidence file attached; what is missing is named and nothing changes.
 */
import { missingSpecifics, SPECIFIC_NAMES } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { applyTransition } from "./apply-transition.js";
import { loadItem, type RectificationItemView, requireUnitOrOrganiser } from "./rectification-item.js";

export async function reportRectification(
  services: Services,
  actor: Actor,
  id: string,
  input: { version: number; summary: string },
): Promise<RectificationItemView> {
  const item = await loadItem(services.db, id);
  requireUnitOrOrganiser(actor, item);
  const { row } = item;
  const missing = missingSpecifics({
    problem: row.problem,
    target: row.target,
    measures: row.measures,
    deadline: row.deadline,
    responsiblePerson: row.responsible_person,
  });
  if (missing.length > 0 && row.status === "in_progress")
    throw new AppError(
      "incomplete",
      missing.map((key) => ({ path: key, message: `${SPECIFIC_NAMES[key]}未填写 / ${key} is missing` })),
      { zh: "“四个具体”尚未填写完整，不能报告整改完成", en: "Fill in all four specifics before reporting" },
    );
  return applyTransition(services, actor, item, {
    version: input.version,
    action: { kind: "report" },
    reason: input.summary,
    async check(w) {
      const evidence = await w.trx
        .selectFrom("rectification_evidence")
        .select("id")
        .where("item_id", "=", id)
        .limit(1)
        .executeTakeFirst();
      if (evidence === undefined)
        throw new AppError(
          "incomplete",
          [{ path: "evidence", message: "请上传整改佐证材料 / attach evidence" }],
          {
            zh: "报告整改完成须附整改佐证材料",
            en: "A report needs at least one evidence file",
          },
        );
    },
  });
}
