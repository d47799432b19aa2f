import { z } from "zod";
import { listAuditEvents } from "../../audit/list-audit-events";
import { router, workspaceProcedure } from "../trpc";

export const auditRouter = router({
  list: workspaceProcedure("audit:read")
    .meta({ openapi: { method: "GET", path: "/workspaces/{workspaceId}/audit", tags: ["members"], summary: "Audit log, newest first" } })
    .input(z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().optional() }))
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            actorEmail: z.string(),
            action: z.string(),
            targetType: z.string(),
            targetId: z.string().nullable(),
            details: z.record(z.string(), z.unknown()),
            createdAt: z.date(),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listAuditEvents(ctx.workspace.id, input.limit, input.cursor)),
});
