import { z } from "zod";
import type { Organisation } from "../../db/schema.js";

export const OrganisationView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  /** 县, 乡镇, 学校, 工会, 部门 … */
  kind: z.string(),
  /** The unit category that selects 个性指标 (小学, 初中, 九年一贯制, 事业单位 卫生类 …). */
  category: z.string().nullable(),
  depth: z.number().int(),
  version: z.number().int(),
});
export type OrganisationView = z.infer<typeof OrganisationView>;

export const presentOrganisation = (o: Organisation): OrganisationView => ({
  id: o.id,
  parentId: o.parent_id,
  code: o.code,
  name: o.name,
  kind: o.kind,
  category: o.category,
  depth: o.path.split("/").filter((p) => p !== "").length - 1,
  version: o.version,
});
