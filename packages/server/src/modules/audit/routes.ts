/** /organisations/:id/audit (an organisation's trail) and /audit/verify (the whole chain, administrators). */

import { z } from "zod";
import { isAdmin } from "../../access/scope.js";
import { verifyAuditChain } from "../../audit/audit-log.js";
import type { Services } from "../../context.js";
import { forbidden } from "../../errors.js";
import { type Api, actorOf, IdParams, PageQuery, page } from "../../http/api.js";
import { organisationAuditTrail } from "./audit-trail.js";
import { AuditEntryView, ChainReportView, presentChainReport } from "./present-audit.js";

const Instant = z.iso.datetime({ offset: true });
const AuditQuery = PageQuery.extend({
  action: z.string().max(60).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});

export async function auditRoutes(app: Api, services: Services) {
  app.get(
    "/organisations/:id/audit",
    {
      schema: {
        tags: ["audit"],
        summary:
          "An organisation's audit trail (痕迹), newest first; `action` keeps one action, `from`/`to` a time span",
        params: IdParams,
        querystring: AuditQuery,
        response: { 200: page(AuditEntryView) },
      },
    },
    async (request) => organisationAuditTrail(services, actorOf(request), request.params.id, request.query),
  );

  app.get(
    "/audit/verify",
    {
      schema: {
        tags: ["audit"],
        summary: "Verify the whole hash chain of the audit trail (administrators)",
        response: { 200: ChainReportView },
      },
    },
    async (request) => {
      if (!isAdmin(actorOf(request))) throw forbidden("only an administrator can verify the audit chain");
      return presentChainReport(await verifyAuditChain(services.db));
    },
  );
}
