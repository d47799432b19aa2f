import { z } from "zod";
import { ZTargetInput } from "../../services/compute/compute-inputs";
import { createTarget } from "../../services/compute/create-target";
import { deleteTarget } from "../../services/compute/delete-target";
import { listHosts } from "../../services/compute/list-hosts";
import { listTargets } from "../../services/compute/list-targets";
import { DONE, ZDone } from "../schemas";
import { router, workspaceProcedure } from "../trpc";
import { ZSharedHost, ZTarget } from "./compute-schemas";

const base = "/workspaces/{workspaceId}/compute";

// Hosts are the site's (registered and shared by admins: see the admin router); a workspace sees
// the ones shared with it and groups them into its own compute targets.
export const computeRouter = router({
  hosts: workspaceProcedure("compute:read")
    .meta({
      openapi: {
        method: "GET",
        path: `${base}/hosts`,
        tags: ["compute"],
        summary: "Docker hosts shared with the workspace: status, capacity and its running runs",
      },
    })
    .output(z.array(ZSharedHost))
    .query(({ ctx }) => listHosts(ctx.workspace.id)),

  targets: workspaceProcedure("compute:read")
    .meta({
      openapi: {
        method: "GET",
        path: `${base}/targets`,
        tags: ["compute"],
        summary: "Compute targets: shared hosts grouped by label selector",
      },
    })
    .output(z.array(ZTarget))
    .query(({ ctx }) => listTargets(ctx.workspace.id)),

  createTarget: workspaceProcedure("compute:manage")
    .meta({
      openapi: {
        method: "POST",
        path: `${base}/targets`,
        tags: ["compute"],
        summary: "Create a compute target over the hosts shared with the workspace",
      },
    })
    .input(ZTargetInput)
    .output(ZTarget)
    .mutation(async ({ ctx, input }) => {
      const { workspaceId: _ignored, ...targetInput } = input;
      const target = await createTarget(ctx.actor, ctx.workspace.id, targetInput);
      return (await listTargets(ctx.workspace.id)).find((t) => t.id === target.id)!;
    }),

  deleteTarget: workspaceProcedure("compute:manage")
    .meta({
      openapi: {
        method: "DELETE",
        path: `${base}/targets/{targetId}`,
        tags: ["compute"],
        summary: "Delete a compute target",
      },
    })
    .input(z.object({ targetId: z.string().min(1) }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await deleteTarget(ctx.actor, ctx.workspace.id, input.targetId);
      return DONE;
    }),
});
