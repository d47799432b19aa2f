import { z } from "zod";
import { BUILT_IN_ROLES } from "../../rbac/roles";
import { addMember } from "../../services/members/add-member";
import { changeMemberRole } from "../../services/members/change-member-role";
import { inviteMember } from "../../services/members/invite-member";
import { listInvitations } from "../../services/members/list-invitations";
import { listMembers } from "../../services/members/list-members";
import { removeMember } from "../../services/members/remove-member";
import { revokeInvitation } from "../../services/members/revoke-invitation";
import { ZRoleAssignment } from "../../services/members/role-assignment";
import { DONE, ZDone, ZEmail } from "../schemas";
import { router, workspaceProcedure } from "../trpc";

const ZMember = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(BUILT_IN_ROLES).nullable(),
  customRoleId: z.string().nullable(),
  roleLabel: z.string(),
  joinedAt: z.date(),
});
const assignment = (i: { role?: (typeof BUILT_IN_ROLES)[number]; customRoleId?: string }) =>
  i.role ? { role: i.role } : { customRoleId: i.customRoleId };
const path = (suffix = "") => `/workspaces/{workspaceId}/members${suffix}` as const;

export const membersRouter = router({
  list: workspaceProcedure("member:read")
    .meta({ openapi: { method: "GET", path: path(), tags: ["members"], summary: "Members and their roles" } })
    .output(z.array(ZMember))
    .query(({ ctx }) => listMembers(ctx.workspace.id)),

  add: workspaceProcedure("member:manage")
    .meta({ openapi: { method: "POST", path: path(), tags: ["members"], summary: "Add an existing user with a role" } })
    .input(z.object({ email: ZEmail }))
    .input(ZRoleAssignment)
    .output(z.object({ userId: z.string(), email: z.string(), name: z.string(), roleLabel: z.string() }))
    .mutation(({ ctx, input }) => addMember(ctx.actor, ctx.workspace.id, input.email, assignment(input))),

  invite: workspaceProcedure("member:manage")
    .meta({
      openapi: {
        method: "POST",
        path: "/workspaces/{workspaceId}/invitations",
        tags: ["members"],
        summary: "Invite someone by email; returns a link to pass on",
      },
    })
    .input(z.object({ email: ZEmail }))
    .input(ZRoleAssignment)
    .output(
      z.object({
        status: z.enum(["added", "invited"]),
        email: z.string(),
        roleLabel: z.string(),
        inviteUrl: z.string().nullable(),
        expiresAt: z.date().nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await inviteMember(ctx.actor, ctx.workspace.id, input.email, assignment(input));
      return result.status === "invited"
        ? {
            status: result.status,
            email: result.email,
            roleLabel: result.roleLabel,
            inviteUrl: `${ctx.origin}${result.invitePath}`,
            expiresAt: result.expiresAt,
          }
        : { status: result.status, email: result.email, roleLabel: result.roleLabel, inviteUrl: null, expiresAt: null };
    }),

  invitations: workspaceProcedure("member:manage")
    .meta({
      openapi: {
        method: "GET",
        path: "/workspaces/{workspaceId}/invitations",
        tags: ["members"],
        summary: "Open invitations",
      },
    })
    .output(
      z.array(
        z.object({
          id: z.string(),
          email: z.string(),
          roleLabel: z.string(),
          expiresAt: z.date(),
          isExpired: z.boolean(),
          createdAt: z.date(),
        }),
      ),
    )
    .query(({ ctx }) => listInvitations(ctx.workspace.id)),

  revokeInvitation: workspaceProcedure("member:manage")
    .meta({
      openapi: {
        method: "DELETE",
        path: "/workspaces/{workspaceId}/invitations/{invitationId}",
        tags: ["members"],
        summary: "Revoke an invitation",
      },
    })
    .input(z.object({ invitationId: z.string().min(1) }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await revokeInvitation(ctx.actor, ctx.workspace.id, input.invitationId);
      return DONE;
    }),

  changeRole: workspaceProcedure("member:manage")
    .meta({
      openapi: { method: "PATCH", path: path("/{userId}"), tags: ["members"], summary: "Change a member's role" },
    })
    .input(z.object({ userId: z.string().min(1) }))
    .input(ZRoleAssignment)
    .output(z.object({ userId: z.string(), email: z.string(), roleLabel: z.string() }))
    .mutation(({ ctx, input }) => changeMemberRole(ctx.actor, ctx.workspace.id, input.userId, assignment(input))),

  remove: workspaceProcedure("member:manage")
    .meta({ openapi: { method: "DELETE", path: path("/{userId}"), tags: ["members"], summary: "Remove a member" } })
    .input(z.object({ userId: z.string().min(1) }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await removeMember(ctx.actor, ctx.workspace.id, input.userId);
      return DONE;
    }),
});
