import { z } from "zod";
import { ZAction } from "../../rbac/actions";
import { listActions } from "../../rbac/access";
import { createWorkspace } from "../../services/workspaces/create-workspace";
import { deleteWorkspace } from "../../services/workspaces/delete-workspace";
import { listWorkspaces } from "../../services/workspaces/list-workspaces";
import { updateWorkspace } from "../../services/workspaces/update-workspace";
import { ZWorkspaceName } from "../../services/workspaces/workspace-name";
import { DONE, ZDone } from "../schemas";
import { router, userProcedure, workspaceProcedure } from "../trpc";

const ZWorkspaceSummary = z.object({ id: z.string(), name: z.string(), description: z.string(), role: z.string() });
const ZDescription = z.string().trim().max(2000);
const ZActionList = z.array(ZAction);

export const workspacesRouter = router({
  list: userProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/workspaces",
        tags: ["workspaces"],
        summary: "Workspaces the caller belongs to",
      },
    })
    .input(z.object({}).optional())
    .output(z.array(ZWorkspaceSummary))
    .query(async ({ ctx }) =>
      (await listWorkspaces(ctx.caller.userId)).map(({ id, name, description, role }) => ({
        id,
        name,
        description,
        role,
      })),
    ),

  create: userProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/workspaces",
        tags: ["workspaces"],
        summary: "Create a workspace; the caller becomes its Owner",
      },
    })
    .input(z.object({ name: ZWorkspaceName, description: ZDescription.default("") }))
    .output(ZWorkspaceSummary)
    .mutation(async ({ ctx, input }) => {
      const { id, name, description, role } = await createWorkspace(ctx.actor, input.name, input.description);
      return { id, name, description, role };
    }),

  /** The workspace with the caller's role and the actions it allows, which the studio uses to hide what cannot be used. */
  byId: workspaceProcedure("workspace:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/workspaces/{workspaceId}",
        tags: ["workspaces"],
        summary: "A workspace and the caller's permissions in it",
      },
    })
    .output(ZWorkspaceSummary.extend({ actions: ZActionList }))
    .query(({ ctx }) => ({ ...ctx.workspace, role: ctx.role.name, actions: listActions(ctx.role) })),

  update: workspaceProcedure("workspace:update")
    .meta({
      openapi: {
        method: "PATCH",
        path: "/workspaces/{workspaceId}",
        tags: ["workspaces"],
        summary: "Rename or describe a workspace",
      },
    })
    .input(z.object({ name: ZWorkspaceName.optional(), description: ZDescription.optional() }))
    .output(z.object({ id: z.string(), name: z.string(), description: z.string() }))
    .mutation(({ ctx, input }) =>
      updateWorkspace(ctx.actor, ctx.workspace.id, { name: input.name, description: input.description }),
    ),

  delete: workspaceProcedure("workspace:delete")
    .meta({
      openapi: {
        method: "DELETE",
        path: "/workspaces/{workspaceId}",
        tags: ["workspaces"],
        summary: "Delete a workspace and everything in it (Owners only); its audit log is kept for the site's admins",
      },
    })
    .output(ZDone)
    .mutation(async ({ ctx }) => {
      await deleteWorkspace(ctx.actor, ctx.workspace.id);
      return DONE;
    }),
});
