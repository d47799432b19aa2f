import { z } from "zod";
import { listDeletedWorkspaces } from "../../audit/list-deleted-workspaces";
import { listAllWorkspaces } from "../../services/admin/list-all-workspaces";
import { listUsers } from "../../services/admin/list-users";
import { readSiteAudit } from "../../services/admin/read-site-audit";
import { setAdmin } from "../../services/admin/set-admin";
import { ZEngineCredentials, ZHostInput, ZHostUpdate } from "../../services/compute/compute-inputs";
import { deleteHost } from "../../services/compute/delete-host";
import { listSiteHosts } from "../../services/compute/list-site-hosts";
import { probeHost } from "../../services/compute/probe-host";
import { registerHost } from "../../services/compute/register-host";
import { setHostShared } from "../../services/compute/share-host";
import { testEndpoint, testHost } from "../../services/compute/test-endpoint";
import { updateHost } from "../../services/compute/update-host";
import { getSiteSettings } from "../../services/settings/get-site-settings";
import { ZSiteSettings } from "../../services/settings/site-settings-input";
import { updateSiteSettings } from "../../services/settings/update-site-settings";
import { AppError } from "../../errors";
import { DONE, ZDone } from "../schemas";
import { adminProcedure, router } from "../trpc";
import { ZAuditPage } from "./audit-schemas";
import { ZProbe, ZSiteHost } from "./compute-schemas";

const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  isDisabled: z.boolean(),
  workspaces: z.number(),
  createdAt: z.date(),
});
const ZHostId = z.object({ hostId: z.string().min(1) });
const tags = ["admin"];

async function siteHost(hostId: string) {
  const [host] = await listSiteHosts(hostId);
  if (!host) throw new AppError("NOT_FOUND", "Host not found");
  return host;
}

/** Site administration: users, Docker hosts and their sharing, settings, and the audit that outlives workspaces. */
export const adminRouter = router({
  users: adminProcedure("site:users")
    .meta({
      openapi: { method: "GET", path: "/admin/users", tags, summary: "Every user, with the administrator flag" },
    })
    .input(z.object({}).optional())
    .output(z.array(ZUser))
    .query(() => listUsers()),

  setAdmin: adminProcedure("site:users")
    .meta({
      openapi: {
        method: "PATCH",
        path: "/admin/users/{userId}",
        tags,
        summary: "Grant or revoke site administration (the last administrator stays)",
      },
    })
    .input(z.object({ userId: z.string().min(1), isAdmin: z.boolean() }))
    .output(z.object({ id: z.string(), email: z.string(), isAdmin: z.boolean() }))
    .mutation(({ ctx, input }) => setAdmin(ctx.actor, input.userId, input.isAdmin)),

  settings: adminProcedure("site:settings")
    .meta({ openapi: { method: "GET", path: "/admin/settings", tags, summary: "Site settings" } })
    .input(z.object({}).optional())
    .output(ZSiteSettings)
    .query(() => getSiteSettings()),

  updateSettings: adminProcedure("site:settings")
    .meta({ openapi: { method: "PATCH", path: "/admin/settings", tags, summary: "Change site settings" } })
    .input(ZSiteSettings.partial())
    .output(ZSiteSettings)
    .mutation(({ ctx, input }) => updateSiteSettings(ctx.actor, input)),

  workspaces: adminProcedure("site:hosts")
    .meta({
      openapi: { method: "GET", path: "/admin/workspaces", tags, summary: "Every workspace, to share hosts with" },
    })
    .input(z.object({}).optional())
    .output(z.array(z.object({ id: z.string(), name: z.string(), members: z.number() })))
    .query(() => listAllWorkspaces()),

  hosts: adminProcedure("site:hosts")
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/hosts",
        tags,
        summary: "Every Docker host with its endpoint and the workspaces it is shared with",
      },
    })
    .input(z.object({}).optional())
    .output(z.array(ZSiteHost))
    .query(() => listSiteHosts()),

  registerHost: adminProcedure("site:hosts")
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/hosts",
        tags,
        summary: "Register a Docker host (unix://, tcp:// with TLS, ssh:// with a key), share it, and test it",
      },
    })
    .input(ZHostInput)
    .output(ZSiteHost)
    .mutation(async ({ ctx, input }) => {
      const host = await registerHost({ ...ctx.actor, isAdmin: ctx.caller.isAdmin }, input);
      await probeHost(host);
      return siteHost(host.id);
    }),

  updateHost: adminProcedure("site:hosts")
    .meta({
      openapi: {
        method: "PATCH",
        path: "/admin/hosts/{hostId}",
        tags,
        summary: "Change labels, limits, network mode or job defaults; drain or undrain",
      },
    })
    .input(ZHostUpdate.extend(ZHostId.shape))
    .output(ZSiteHost)
    .mutation(async ({ ctx, input }) => {
      const { hostId, ...changes } = input;
      await updateHost(ctx.actor, hostId, changes);
      return siteHost(hostId);
    }),

  deleteHost: adminProcedure("site:hosts")
    .meta({
      openapi: { method: "DELETE", path: "/admin/hosts/{hostId}", tags, summary: "Remove a host with no active runs" },
    })
    .input(ZHostId)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await deleteHost(ctx.actor, input.hostId);
      return DONE;
    }),

  testHost: adminProcedure("site:hosts")
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/hosts/{hostId}/test",
        tags,
        summary: "Test connection: engine version, CPUs, memory, GPUs",
      },
    })
    .input(ZHostId)
    .output(ZProbe)
    .mutation(({ input }) => testHost(input.hostId)),

  testEndpoint: adminProcedure("site:hosts")
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/test-endpoint",
        tags,
        summary: "Test a Docker endpoint before registering it",
      },
    })
    .input(ZEngineCredentials)
    .output(ZProbe)
    .mutation(({ ctx, input }) => testEndpoint({ isAdmin: ctx.caller.isAdmin }, input)),

  shareHost: adminProcedure("site:hosts")
    .meta({
      openapi: {
        method: "PUT",
        path: "/admin/hosts/{hostId}/shares/{workspaceId}",
        tags,
        summary: "Share a host with a workspace",
      },
    })
    .input(ZHostId.extend({ workspaceId: z.string().min(1) }))
    .output(ZSiteHost)
    .mutation(async ({ ctx, input }) => {
      await setHostShared(ctx.actor, input.hostId, input.workspaceId, true);
      return siteHost(input.hostId);
    }),

  unshareHost: adminProcedure("site:hosts")
    .meta({
      openapi: {
        method: "DELETE",
        path: "/admin/hosts/{hostId}/shares/{workspaceId}",
        tags,
        summary: "Stop sharing a host with a workspace (its running runs finish)",
      },
    })
    .input(ZHostId.extend({ workspaceId: z.string().min(1) }))
    .output(ZSiteHost)
    .mutation(async ({ ctx, input }) => {
      await setHostShared(ctx.actor, input.hostId, input.workspaceId, false);
      return siteHost(input.hostId);
    }),

  deletedWorkspaces: adminProcedure("site:audit")
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/deleted-workspaces",
        tags,
        summary: "Deleted workspaces whose audit logs are kept",
      },
    })
    .input(z.object({}).optional())
    .output(
      z.array(
        z.object({
          workspaceId: z.string(),
          name: z.string(),
          deletedAt: z.date(),
          deletedBy: z.string(),
          events: z.number(),
        }),
      ),
    )
    .query(() => listDeletedWorkspaces()),

  audit: adminProcedure("site:audit")
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/audit",
        tags,
        summary: "Site events, or a deleted workspace's audit log, newest first",
      },
    })
    .input(
      z.object({
        workspaceId: z.string().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().optional(),
      }),
    )
    .output(ZAuditPage)
    .query(({ input }) => readSiteAudit(input.workspaceId ?? null, input.limit, input.cursor)),
});
