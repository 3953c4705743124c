/** The current template of an organisation for a document kind (文书模板), if it uploaded one. */

import type { Selectable } from "kysely";
import type { Services } from "../../context.js";
import type { DocumentTemplateTable } from "../../db/schema.js";

export type DocumentTemplate = Selectable<DocumentTemplateTable>;

export async function findTemplate(
  services: Services,
  organisationId: string,
  kind: string,
): Promise<DocumentTemplate | undefined> {
  return services.db
    .selectFrom("document_templates")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("kind", "=", kind)
    .executeTakeFirst();
}

export async function templateBytes(services: Services, template: DocumentTemplate): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await services.storage.get(template.sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
