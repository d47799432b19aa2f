import { z } from "zod";
import { listAuditEvents } from "../../audit/list-audit-events";
import { router, workspaceProcedure } from "../trpc";
import { ZAuditPage } from "./audit-schemas";

export const auditRouter = router({
  list: workspaceProcedure("audit:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/workspaces/{workspaceId}/audit",
        tags: ["members"],
        summary: "Audit log, newest first",
      },
    })
    .input(z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().optional() }))
    .output(ZAuditPage)
    .query(({ ctx, input }) => listAuditEvents(ctx.workspace.id, input.limit, input.cursor)),
});
