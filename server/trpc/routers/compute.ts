import { z } from "zod";
import { createDockerClient } from "../../docker/docker-client";
import { AppError } from "../../errors";
import { sealSecret } from "../../secrets/secret-box";
import { ZHostInput, ZLabels, ZNetworkMode, ZTargetInput } from "../../services/compute/compute-inputs";
import { createTarget } from "../../services/compute/create-target";
import { deleteHost } from "../../services/compute/delete-host";
import { deleteTarget } from "../../services/compute/delete-target";
import { listHosts } from "../../services/compute/list-hosts";
import { listTargets } from "../../services/compute/list-targets";
import { probeDocker, probeHost } from "../../services/compute/probe-host";
import { registerHost } from "../../services/compute/register-host";
import { updateHost } from "../../services/compute/update-host";
import { db } from "../../db";
import { router, workspaceProcedure } from "../trpc";

const ZHostStatus = z.enum(["Online", "Draining", "Offline"]);
const ZHost = z.object({
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  labels: z.record(z.string(), z.string()),
  maxConcurrentRuns: z.number(),
  networkMode: z.string(),
  hasTls: z.boolean(),
  hasSshKey: z.boolean(),
  sshHostKey: z.string().nullable(),
  status: ZHostStatus,
  lastSeenAt: z.date().nullable(),
  lastError: z.string().nullable(),
  engineVersion: z.string().nullable(),
  capacity: z.object({ cpus: z.number().nullable(), memoryBytes: z.number().nullable(), gpus: z.number() }),
  used: z.object({ runs: z.number(), cpus: z.number(), memoryBytes: z.number(), gpus: z.number() }),
  runs: z.array(z.object({ id: z.string(), displayName: z.string(), status: z.string(), startedAt: z.date().nullable() })),
  createdAt: z.date(),
});
const ZTarget = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  selector: z.record(z.string(), z.string()),
  priority: z.number(),
  maxConcurrentRuns: z.number().nullable(),
  hostNames: z.array(z.string()),
  createdAt: z.date(),
});
const ZProbe = z.object({
  isOnline: z.boolean(),
  engineVersion: z.string().optional(),
  cpus: z.number().optional(),
  memoryBytes: z.number().optional(),
  gpus: z.number().optional(),
  runtimes: z.array(z.string()).optional(),
  sshHostKey: z.string().optional(),
  error: z.string().optional(),
});
const base = "/workspaces/{workspaceId}/compute";

async function hostView(workspaceId: string, hostId: string) {
  const host = (await listHosts(workspaceId)).find((h) => h.id === hostId);
  if (!host) throw new AppError("NOT_FOUND", "Host not found");
  return host;
}

export const computeRouter = router({
  hosts: workspaceProcedure("compute:read")
    .meta({ openapi: { method: "GET", path: `${base}/hosts`, tags: ["compute"], summary: "Docker hosts with status, capacity and running runs" } })
    .output(z.array(ZHost))
    .query(({ ctx }) => listHosts(ctx.workspace.id)),

  registerHost: workspaceProcedure("compute:manage")
    .meta({ openapi: { method: "POST", path: `${base}/hosts`, tags: ["compute"], summary: "Register a Docker host (unix://, tcp:// with TLS, ssh://) and test it" } })
    .input(ZHostInput)
    .output(ZHost)
    .mutation(async ({ ctx, input }) => {
      const { workspaceId: _ignored, ...hostInput } = input as typeof input & { workspaceId: string };
      const host = await registerHost(ctx.workspace.id, ctx.actor, hostInput);
      await probeHost(host);
      return hostView(ctx.workspace.id, host.id);
    }),

  updateHost: workspaceProcedure("compute:manage")
    .meta({ openapi: { method: "PATCH", path: `${base}/hosts/{hostId}`, tags: ["compute"], summary: "Change labels, limits or network mode; drain or undrain" } })
    .input(z.object({ hostId: z.string().min(1), labels: ZLabels.optional(), maxConcurrentRuns: z.number().int().min(1).max(256).optional(), networkMode: ZNetworkMode.optional(), isDraining: z.boolean().optional() }))
    .output(ZHost)
    .mutation(async ({ ctx, input }) => {
      const { hostId, labels, maxConcurrentRuns, networkMode, isDraining } = input;
      await updateHost(ctx.workspace.id, ctx.actor, hostId, { labels, maxConcurrentRuns, networkMode, isDraining });
      return hostView(ctx.workspace.id, hostId);
    }),

  deleteHost: workspaceProcedure("compute:manage")
    .meta({ openapi: { method: "DELETE", path: `${base}/hosts/{hostId}`, tags: ["compute"], summary: "Remove a host with no active runs" } })
    .input(z.object({ hostId: z.string().min(1) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteHost(ctx.workspace.id, ctx.actor, input.hostId);
      return { ok: true as const };
    }),

  testHost: workspaceProcedure("compute:read")
    .meta({ openapi: { method: "POST", path: `${base}/hosts/{hostId}/test`, tags: ["compute"], summary: "Test connection: engine version, CPUs, memory, GPUs" } })
    .input(z.object({ hostId: z.string().min(1) }))
    .output(ZProbe)
    .mutation(async ({ ctx, input }) => {
      const host = await db().computeHost.findFirst({ where: { id: input.hostId, workspaceId: ctx.workspace.id } });
      if (!host) throw new AppError("NOT_FOUND", "Host not found");
      return probeHost(host);
    }),

  testEndpoint: workspaceProcedure("compute:manage")
    .meta({ openapi: { method: "POST", path: `${base}/test-endpoint`, tags: ["compute"], summary: "Test a Docker endpoint before registering it" } })
    .input(ZHostInput.pick({ endpoint: true, tls: true, sshKey: true, sshHostKey: true }))
    .output(ZProbe)
    .mutation(async ({ input }) => {
      // The ssh host key seen is shown, so the person registering can check it before trusting it.
      let seenHostKey: string | undefined;
      const client = createDockerClient(
        {
          endpoint: input.endpoint,
          tlsCa: input.tls?.ca ?? null,
          tlsCert: input.tls?.cert ?? null,
          tlsKeyEncrypted: input.tls ? sealSecret(input.tls.key) : null,
          sshKeyEncrypted: input.sshKey ? sealSecret(input.sshKey) : null,
          sshHostKey: input.sshHostKey ?? null,
        },
        (fingerprint) => (seenHostKey = fingerprint),
      );
      const probe = await probeDocker(client);
      return seenHostKey ? { ...probe, sshHostKey: seenHostKey } : probe;
    }),

  targets: workspaceProcedure("compute:read")
    .meta({ openapi: { method: "GET", path: `${base}/targets`, tags: ["compute"], summary: "Compute targets: hosts grouped by label selector" } })
    .output(z.array(ZTarget))
    .query(({ ctx }) => listTargets(ctx.workspace.id)),

  createTarget: workspaceProcedure("compute:manage")
    .meta({ openapi: { method: "POST", path: `${base}/targets`, tags: ["compute"], summary: "Create a compute target" } })
    .input(ZTargetInput)
    .output(ZTarget)
    .mutation(async ({ ctx, input }) => {
      const { workspaceId: _ignored, ...targetInput } = input as typeof input & { workspaceId: string };
      const target = await createTarget(ctx.workspace.id, ctx.actor, targetInput);
      return (await listTargets(ctx.workspace.id)).find((t) => t.id === target.id)!;
    }),

  deleteTarget: workspaceProcedure("compute:manage")
    .meta({ openapi: { method: "DELETE", path: `${base}/targets/{targetId}`, tags: ["compute"], summary: "Delete a compute target" } })
    .input(z.object({ targetId: z.string().min(1) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteTarget(ctx.workspace.id, ctx.actor, input.targetId);
      return { ok: true as const };
    }),
});
