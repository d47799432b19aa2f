import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import type { Action } from "../server/rbac/actions";
import type { SiteAction } from "../server/rbac/site";
import { BUILT_IN_ROLES, GRANTS, type BuiltInRole } from "../server/rbac/roles";
import { appRouter, createCaller } from "../server/trpc/root";
import type { TMeta } from "../server/trpc/trpc";
import { callerFor, contextFor, createAdmin, createUser, workspaceWithRoles, type TTestUser } from "./helpers/actors";

type TProcedures = Record<string, { _def: { meta?: TMeta } }>;
const procedures = appRouter._def.procedures as unknown as TProcedures;

/**
 * An input for every workspace procedure. Targets that do not exist are used on purpose: a caller
 * who is allowed then gets NOT_FOUND or succeeds, never FORBIDDEN, and shared data stays intact.
 */
const INPUTS: Record<string, () => Record<string, unknown>> = {
  "workspaces.byId": () => ({}),
  "workspaces.update": () => ({ description: `changed ${randomUUID()}` }),
  "workspaces.delete": () => ({}),
  "members.list": () => ({}),
  "members.add": () => ({ email: `nobody-${randomUUID()}@example.test`, role: "Reader" }),
  "members.invite": () => ({ email: `invitee-${randomUUID()}@example.test`, role: "Reader" }),
  "members.invitations": () => ({}),
  "members.revokeInvitation": () => ({ invitationId: "missing" }),
  "members.changeRole": () => ({ userId: "missing", role: "Reader" }),
  "members.remove": () => ({ userId: "missing" }),
  "roles.list": () => ({}),
  "roles.create": () => ({ name: `role-${randomUUID().slice(0, 8)}`, actions: ["workspace:read"] }),
  "roles.delete": () => ({ roleId: "missing" }),
  "audit.list": () => ({}),
  "experiments.list": () => ({}),
  "experiments.byId": () => ({ experimentId: "missing" }),
  "experiments.create": () => ({ name: `exp-${randomUUID()}` }),
  "experiments.update": () => ({ experimentId: "missing", description: "x" }),
  "runs.create": () => ({ experimentName: `exp-${randomUUID()}` }),
  "runs.byId": () => ({ runId: "missing" }),
  "runs.search": () => ({}),
  "runs.update": () => ({ runId: "missing", notes: "x" }),
  "runs.logBatch": () => ({ runId: "missing", metrics: [{ key: "loss", value: 1, step: 0 }] }),
  "runs.metricHistory": () => ({ runId: "missing", key: "loss" }),
  "runs.artifacts": () => ({ runId: "missing" }),
  "runs.purge": () => ({ runId: "missing" }),
  "runs.datasetInputs": () => ({ runId: "missing" }),
  "runs.logInputs": () => ({
    runId: "missing",
    datasets: [{ dataset: { name: "d", digest: "1", source_type: "local", source: "x" } }],
  }),
  "experiments.purge": () => ({ experimentId: "missing" }),
  "compute.hosts": () => ({}),
  "compute.targets": () => ({}),
  "compute.createTarget": () => ({ name: `t-${randomUUID().slice(0, 8)}`, selector: { gpu: "true" } }),
  "compute.deleteTarget": () => ({ targetId: "missing" }),
  "datastores.list": () => ({}),
  "datastores.byId": () => ({ datastoreId: "missing" }),
  "datastores.create": () => ({ name: `ds-${randomUUID().slice(0, 8)}`, type: "local" }),
  "datastores.update": () => ({ datastoreId: "missing", description: "x" }),
  "datastores.setDefault": () => ({ datastoreId: "missing" }),
  "datastores.delete": () => ({ datastoreId: "missing" }),
  "datastores.test": () => ({ datastoreId: "missing" }),
  "environments.list": () => ({}),
  "environments.create": () => ({ name: `env-${randomUUID().slice(0, 8)}`, spec: { dockerfile_steps: "RUN true" } }),
  "environments.buildLog": () => ({ buildId: "missing" }),
  "data.list": () => ({}),
  "data.byName": () => ({ name: "missing" }),
  "data.version": () => ({ name: "missing", version: "latest" }),
  "data.update": () => ({ name: "missing", version: 1, description: "x" }),
  "data.archive": () => ({ name: "missing", version: 1 }),
  "data.restore": () => ({ name: "missing", version: 1 }),
  "data.files": () => ({ name: "missing", version: 1 }),
  "data.preview": () => ({ name: "missing", version: "latest" }),
  "data.previewText": () => ({ name: "missing", version: 1, path: "a.txt" }),
  "data.images": () => ({ name: "missing", version: 1 }),
  "data.profile": () => ({ name: "missing", version: 1 }),
  "data.requestProfile": () => ({ name: "missing", version: 1 }),
  "data.downloadUrl": () => ({ name: "missing", version: "latest" }),
  "data.createUpload": () => ({ name: `d-${randomUUID().slice(0, 8)}`, files: [{ path: "a.txt", size: 1 }] }),
  "data.upload": () => ({ uploadId: "missing" }),
  "data.commitUpload": () => ({ uploadId: "missing" }),
  "data.createReference": () => ({ name: "ref", path: "crucible://datastores/workspaceblobstore/paths/missing/x" }),
  "models.list": () => ({}),
  "models.byName": () => ({ name: "missing" }),
  "models.create": () => ({ name: `m-${randomUUID().slice(0, 8)}` }),
  "models.update": () => ({ name: "missing", description: "x" }),
  "models.delete": () => ({ name: "missing" }),
  "models.register": () => ({ name: `m-${randomUUID().slice(0, 8)}`, runId: "missing", path: "outputs/model" }),
  "models.version": () => ({ name: "missing", version: "latest" }),
  "models.updateVersion": () => ({ name: "missing", version: "1", description: "x" }),
  "models.archiveVersion": () => ({ name: "missing", version: "1" }),
  "models.restoreVersion": () => ({ name: "missing", version: "1" }),
  "models.deleteVersion": () => ({ name: "missing", version: "1" }),
  "models.setAlias": () => ({ name: "missing", alias: "champion", version: 1 }),
  "models.deleteAlias": () => ({ name: "missing", alias: "champion" }),
  "models.files": () => ({ name: "missing", version: "champion" }),
  "models.lineage": () => ({ name: "missing", version: "1" }),
  "models.previewText": () => ({ name: "missing", version: "1", path: "MLmodel" }),
  "models.compare": () => ({ name: "missing", versions: [1, 2] }),
  "models.fromRun": () => ({ runId: "missing" }),
  "endpoints.list": () => ({}),
  "endpoints.byName": () => ({ endpointName: "missing" }),
  "endpoints.create": () => ({ name: `e-${randomUUID().slice(0, 8)}` }),
  "endpoints.update": () => ({ endpointName: "missing", description: "x" }),
  "endpoints.delete": () => ({ endpointName: "missing" }),
  "endpoints.getCredentials": () => ({ endpointName: "missing" }),
  "endpoints.test": () => ({ endpointName: "missing", body: "{}" }),
  "endpoints.regenerateKey": () => ({ endpointName: "missing", key_type: "secondary" }),
  "endpoints.createDeployment": () => ({ endpointName: "missing", name: "blue", model: "missing@champion" }),
  "endpoints.updateDeployment": () => ({ endpointName: "missing", name: "blue", instance_count: 2 }),
  "endpoints.deleteDeployment": () => ({ endpointName: "missing", name: "blue" }),
  "endpoints.deploymentLogs": () => ({ endpointName: "missing", name: "blue" }),
  "endpoints.metrics": () => ({ endpointName: "missing", name: "blue" }),
  "endpoints.usage": () => ({ endpointName: "missing", name: "blue" }),
  "lineage.graph": () => ({ asset: "missing" }),
  "lineage.runData": () => ({ runId: "missing" }),
  "lineage.versionRuns": () => ({ name: "missing", version: "latest" }),
  "jobs.validate": () => ({ yaml: "command: x\nenvironment: crucible-sklearn\ncompute: local\n" }),
  "jobs.submit": () => ({ yaml: "command: x\nenvironment: crucible-sklearn\ncompute: nowhere\n" }),
  "jobs.byRun": () => ({ runId: "missing" }),
  "jobs.cancel": () => ({ runId: "missing" }),
  "jobs.logs": () => ({ runId: "missing" }),
  "labeling.list": () => ({}),
  "labeling.byName": () => ({ name: "missing" }),
  "labeling.create": () => ({
    name: `lp-${randomUUID().slice(0, 8)}`,
    taskType: "imageClassification",
    labels: [{ name: "cat" }],
    data: "missing:1",
  }),
  "labeling.update": () => ({ name: "missing", instructions: "x" }),
  "labeling.delete": () => ({ name: "missing" }),
  "labeling.addData": () => ({ name: "missing", data: "missing:2" }),
  "labeling.next": () => ({ name: "missing" }),
  "labeling.submit": () => ({ name: "missing", itemId: "missing", result: { labels: ["cat"] } }),
  "labeling.skip": () => ({ name: "missing", itemId: "missing", reason: "blurry" }),
  "labeling.nextReview": () => ({ name: "missing" }),
  "labeling.review": () => ({ name: "missing", annotationId: "missing", decision: "accept" }),
  "labeling.items": () => ({ name: "missing" }),
  "labeling.item": () => ({ name: "missing", itemId: "missing" }),
  "labeling.assign": () => ({ name: "missing", email: "nobody@example.test", count: 1 }),
  "labeling.dashboard": () => ({ name: "missing" }),
  "labeling.predict": () => ({ name: "missing" }),
  "labeling.exports": () => ({ name: "missing" }),
  "labeling.export": () => ({ name: "missing", format: "csv" }),
  "batchEndpoints.list": () => ({}),
  "batchEndpoints.byName": () => ({ name: "missing" }),
  "batchEndpoints.create": () => ({ name: `be-${randomUUID().slice(0, 8)}` }),
  "batchEndpoints.delete": () => ({ name: "missing" }),
  "batchEndpoints.createDeployment": () => ({
    endpointName: "missing",
    name: "blue",
    model: "missing:1",
    compute: "local",
    codeArchive: "",
    scoringScript: "score.py",
  }),
  "batchEndpoints.updateDeployment": () => ({ endpointName: "missing", name: "blue", miniBatchSize: 5 }),
  "batchEndpoints.deleteDeployment": () => ({ endpointName: "missing", name: "blue" }),
  "batchEndpoints.setDefault": () => ({ endpointName: "missing", name: "blue" }),
  "batchEndpoints.invoke": () => ({ endpointName: "missing", input: "crucible:missing:1" }),
  "batchEndpoints.jobs": () => ({ endpointName: "missing" }),
};

/** An input for every site (admin) procedure; as above, an allowed caller gets NOT_FOUND or succeeds. */
const SITE_INPUTS: Record<string, () => Record<string, unknown>> = {
  "admin.users": () => ({}),
  "admin.setAdmin": () => ({ userId: "missing", isAdmin: true }),
  "admin.settings": () => ({}),
  "admin.updateSettings": () => ({}),
  "admin.workspaces": () => ({}),
  "admin.hosts": () => ({}),
  "admin.registerHost": () => ({ name: `h-${randomUUID().slice(0, 8)}`, endpoint: "unix:///nonexistent/docker.sock" }),
  "admin.updateHost": () => ({ hostId: "missing", maxConcurrentRuns: 2 }),
  "admin.deleteHost": () => ({ hostId: "missing" }),
  "admin.testHost": () => ({ hostId: "missing" }),
  "admin.testEndpoint": () => ({ endpoint: "unix:///nonexistent/docker.sock" }),
  "admin.shareHost": () => ({ hostId: "missing", workspaceId: "missing" }),
  "admin.unshareHost": () => ({ hostId: "missing", workspaceId: "missing" }),
  "admin.deletedWorkspaces": () => ({}),
  "admin.audit": () => ({}),
};

const siteProcedures = Object.entries(procedures)
  .filter(([, p]) => p._def.meta?.access?.kind === "site")
  .map(([path, p]) => ({ path, action: (p._def.meta!.access as { action: SiteAction }).action }));

const workspaceProcedures = Object.entries(procedures)
  .filter(([, p]) => p._def.meta?.access?.kind === "workspace")
  .map(([path, p]) => ({ path, action: (p._def.meta!.access as { action: Action }).action }));

async function call(user: TTestUser | null, path: string, input: Record<string, unknown>, caller_ = callerFor(user)) {
  const caller = caller_ as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
  const [group, name] = path.split(".") as [string, string];
  try {
    await caller[group]![name]!(input);
    return { ok: true as const };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { ok: false as const, code: error.code, message: error.message };
  }
}

describe("every procedure declares who may call it", () => {
  it.each(Object.keys(procedures))("%s", (path) => {
    const access = procedures[path]!._def.meta?.access;
    expect(access, `${path} has no access rule`).toBeDefined();
    expect(["public", "user", "workspace", "site"]).toContain(access!.kind);
  });

  it("has an input fixture for every workspace procedure", () => {
    expect(workspaceProcedures.map((p) => p.path).sort()).toEqual(Object.keys(INPUTS).sort());
  });

  it("has an input fixture for every site procedure", () => {
    expect(siteProcedures.map((p) => p.path).sort()).toEqual(Object.keys(SITE_INPUTS).sort());
  });
});

describe("site procedures: admins only, whatever their workspace roles", () => {
  let members: Record<BuiltInRole, TTestUser>;
  let admin: TTestUser;
  let loner: TTestUser;
  beforeAll(async () => {
    ({ members } = await workspaceWithRoles(await createUser("owner")));
    admin = await createAdmin();
    loner = await createUser("no-workspace");
  });

  const cases = siteProcedures.flatMap(({ path, action }) =>
    [...BUILT_IN_ROLES, "no workspace"].map((role) => ({ path, action, role })),
  );
  it.each(cases)("$path as a non-admin $role → FORBIDDEN", async ({ path, action, role }) => {
    const user = role === "no workspace" ? loner : members[role as BuiltInRole];
    expect(await call(user, path, SITE_INPUTS[path]!())).toEqual({
      ok: false,
      code: "FORBIDDEN",
      message: `Missing permission: ${action} (site administrators only)`,
    });
  });

  it.each(siteProcedures)("$path as an admin → allowed", async ({ path }) => {
    const result = await call(admin, path, SITE_INPUTS[path]!());
    expect(result.ok || result.code !== "FORBIDDEN", JSON.stringify(result)).toBe(true);
  });

  it.each(siteProcedures)("$path with an admin's run-scoped token → FORBIDDEN", async ({ path }) => {
    const context = contextFor(admin);
    const scoped = createCaller({
      ...context,
      caller: { ...context.caller!, via: "token", scope: { workspaceId: "any", runId: "any", role: "MetricsWriter" } },
    });
    expect(await call(admin, path, SITE_INPUTS[path]!(), scoped)).toEqual({
      ok: false,
      code: "FORBIDDEN",
      message: "A run-scoped token acts only on its run",
    });
  });
});

describe("workspace procedures × built-in roles", () => {
  const cases = workspaceProcedures.flatMap(({ path, action }) =>
    BUILT_IN_ROLES.map((role) => ({
      path,
      action,
      role,
      isAllowed: (GRANTS[action] as readonly BuiltInRole[]).includes(role),
    })),
  );

  it.each(cases)("$path as $role → allowed: $isAllowed", async ({ path, role, isAllowed, action }) => {
    // A fresh workspace per case, since an allowed call may change or delete it.
    const owner = await createUser("owner");
    const { workspace, members } = await workspaceWithRoles(owner);
    const result = await call(members[role], path, { workspaceId: workspace.id, ...INPUTS[path]!() });
    if (isAllowed) {
      expect(
        result.ok || (result.code !== "FORBIDDEN" && result.message !== "Workspace not found"),
        JSON.stringify(result),
      ).toBe(true);
    } else {
      expect(result).toEqual({ ok: false, code: "FORBIDDEN", message: `Missing permission: ${action}` });
    }
  });
});

describe("callers outside the workspace", () => {
  let workspaceId: string;
  let outsider: TTestUser;
  beforeAll(async () => {
    const { workspace } = await workspaceWithRoles(await createUser("owner"));
    workspaceId = workspace.id;
    outsider = await createUser("outsider");
  });

  it.each(workspaceProcedures)(
    "$path: a non-member gets NOT_FOUND, as for a workspace that does not exist",
    async ({ path }) => {
      const onReal = await call(outsider, path, { workspaceId, ...INPUTS[path]!() });
      const onMissing = await call(outsider, path, { workspaceId: "does-not-exist", ...INPUTS[path]!() });
      expect(onReal).toEqual({ ok: false, code: "NOT_FOUND", message: "Workspace not found" });
      expect(onMissing).toEqual(onReal);
    },
  );

  it.each(Object.keys(procedures).filter((p) => procedures[p]!._def.meta?.access?.kind !== "public"))(
    "%s: an anonymous caller gets UNAUTHORIZED",
    async (path) => {
      const result = await call(null, path, { workspaceId, ...(INPUTS[path]?.() ?? SITE_INPUTS[path]?.() ?? {}) });
      expect(result.ok ? "ok" : result.code).toBe("UNAUTHORIZED");
    },
  );
});

describe("custom roles", () => {
  it("grant exactly their actions", async () => {
    const owner = await createUser("owner");
    const { workspace } = await workspaceWithRoles(owner);
    const role = await callerFor(owner).roles.create({
      workspaceId: workspace.id,
      name: "Auditor",
      actions: ["workspace:read", "audit:read"],
    });
    const auditor = await createUser("auditor");
    await callerFor(owner).members.add({ workspaceId: workspace.id, email: auditor.email, customRoleId: role.id });

    expect(await call(auditor, "audit.list", { workspaceId: workspace.id })).toEqual({ ok: true });
    const view = await callerFor(auditor).workspaces.byId({ workspaceId: workspace.id });
    expect(view.role).toBe("Auditor");
    expect(view.actions).toEqual(["workspace:read", "audit:read"]);
    expect(await call(auditor, "members.list", { workspaceId: workspace.id })).toMatchObject({ code: "FORBIDDEN" });
    expect(await db().membership.count({ where: { workspaceId: workspace.id, customRoleId: role.id } })).toBe(1);
  });
});
