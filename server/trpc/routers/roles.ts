import { z } from "zod";
import { ROLE_TEMPLATES } from "../../rbac/role-templates";
import { ACTIONS, ZAction } from "../../rbac/actions";
import { builtInRoleActions, BUILT_IN_ROLES, ROLE_LABELS } from "../../rbac/roles";
import { createCustomRole } from "../../services/roles/create-custom-role";
import { deleteCustomRole } from "../../services/roles/delete-custom-role";
import { listCustomRoles } from "../../services/roles/list-custom-roles";
import { DONE, ZDone } from "../schemas";
import { router, workspaceProcedure } from "../trpc";

const ZCustomRole = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  actions: z.array(ZAction),
  memberCount: z.number(),
});

export const rolesRouter = router({
  /** Built-in and custom roles with their actions, and every action's description, for the role editor. */
  list: workspaceProcedure("member:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/workspaces/{workspaceId}/roles",
        tags: ["members"],
        summary: "Roles and the actions each grants",
      },
    })
    .output(
      z.object({
        builtIn: z.array(z.object({ role: z.enum(BUILT_IN_ROLES), label: z.string(), actions: z.array(ZAction) })),
        custom: z.array(ZCustomRole),
        actions: z.array(z.object({ action: ZAction, description: z.string() })),
        /** Ready-made custom roles the role editor offers. */
        templates: z.array(z.object({ name: z.string(), description: z.string(), actions: z.array(ZAction) })),
      }),
    )
    .query(async ({ ctx }) => ({
      builtIn: BUILT_IN_ROLES.map((role) => ({ role, label: ROLE_LABELS[role], actions: builtInRoleActions(role) })),
      custom: await listCustomRoles(ctx.workspace.id),
      actions: Object.entries(ACTIONS).map(([action, description]) => ({ action: ZAction.parse(action), description })),
      templates: ROLE_TEMPLATES,
    })),

  create: workspaceProcedure("member:manage")
    .meta({
      openapi: {
        method: "POST",
        path: "/workspaces/{workspaceId}/roles",
        tags: ["members"],
        summary: "Define a custom role",
      },
    })
    .input(
      z.object({
        name: z.string().trim().min(2).max(64),
        description: z.string().trim().max(500).default(""),
        actions: z.array(ZAction).min(1),
      }),
    )
    .output(ZCustomRole)
    .mutation(({ ctx, input }) => createCustomRole(ctx.actor, ctx.workspace.id, input)),

  delete: workspaceProcedure("member:manage")
    .meta({
      openapi: {
        method: "DELETE",
        path: "/workspaces/{workspaceId}/roles/{roleId}",
        tags: ["members"],
        summary: "Delete an unused custom role",
      },
    })
    .input(z.object({ roleId: z.string().min(1) }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await deleteCustomRole(ctx.actor, ctx.workspace.id, input.roleId);
      return DONE;
    }),
});
