import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../server/db";
import { claimJobs } from "../server/worker/claim-jobs";
import { ensureCuratedEnvironments } from "../server/services/environments/curated-environments";
import { getSiteSettings } from "../server/services/settings/get-site-settings";
import { callerFor, createAdmin, createUser, ownerWorkspace, workspaceWithRoles } from "./helpers/actors";

describe("site administrators", () => {
  it("grant and revoke the flag, never removing the last administrator", async () => {
    const first = await createAdmin();
    const admin = callerFor(first);
    const other = await createUser("other");
    await admin.admin.setAdmin({ userId: other.id, isAdmin: true });
    expect((await admin.admin.users()).find((u) => u.id === other.id)).toMatchObject({ isAdmin: true });
    await admin.admin.setAdmin({ userId: other.id, isAdmin: false });
    // Other tests' admins are set aside for a moment, so this one is the last. Tests running beside
    // this one may make an admin in between; then the attempt is undone and made again.
    let refusal: unknown = null;
    for (let attempt = 0; attempt < 5 && refusal === null; attempt++) {
      const admins = await db().user.findMany({ where: { isAdmin: true, disabledAt: null } });
      await db().user.updateMany({
        where: { id: { in: admins.map((a) => a.id).filter((id) => id !== first.id) } },
        data: { disabledAt: new Date() },
      });
      try {
        await admin.admin.setAdmin({ userId: first.id, isAdmin: false });
        await db().user.update({ where: { id: first.id }, data: { isAdmin: true } });
      } catch (error) {
        refusal = error;
      } finally {
        await db().user.updateMany({ where: { id: { in: admins.map((a) => a.id) } }, data: { disabledAt: null } });
      }
    }
    expect(refusal).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("at least one administrator") });
    const { items } = await admin.admin.audit({ limit: 200 });
    expect(items.filter((e) => e.targetId === other.id).map((e) => e.action)).toEqual([
      "site.admin.revoke",
      "site.admin.grant",
    ]);
  });

  it("change site settings, recorded; the getter gives the defaults until then", async () => {
    expect((await getSiteSettings()).buildTimeoutS).toBeGreaterThanOrEqual(60);
    const admin = callerFor(await createAdmin());
    const saved = await admin.admin.updateSettings({ buildTimeoutS: 2400 });
    expect(saved.buildTimeoutS).toBe(2400);
    expect((await getSiteSettings()).buildTimeoutS).toBe(2400);
    await admin.admin.updateSettings({ buildTimeoutS: 1800 });
    await expect(admin.admin.updateSettings({ buildTimeoutS: 5 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("buildTimeoutS"),
    });
  });
});

describe("hosts shared with workspaces", () => {
  beforeAll(() => ensureCuratedEnvironments());

  it("are the only ones a workspace's jobs can name or be placed on", async () => {
    const admin = callerFor(await createAdmin());
    const a = await ownerWorkspace("owner-a");
    const b = await ownerWorkspace("owner-b");
    const host = await admin.admin.registerHost({
      name: `shared-${Date.now()}`,
      endpoint: "unix:///nonexistent/docker.sock",
      labels: { pool: "p" },
      workspaceIds: [a.workspaceId],
    });
    expect(host).toMatchObject({
      networkMode: "none",
      runStepsAsRoot: false,
      defaultCpu: 1,
      defaultMemoryBytes: 2 * 1024 ** 3,
      sharedWith: [{ id: a.workspaceId }],
    });
    expect((await a.owner.compute.hosts({ workspaceId: a.workspaceId })).map((h) => h.name)).toEqual([host.name]);
    expect(await b.owner.compute.hosts({ workspaceId: b.workspaceId })).toEqual([]);
    expect(JSON.stringify(await a.owner.compute.hosts({ workspaceId: a.workspaceId }))).not.toContain("nonexistent");
    await expect(
      b.owner.jobs.submit({
        workspaceId: b.workspaceId,
        yaml: `command: x\nenvironment: crucible-sklearn\ncompute: ${host.name}\n`,
      }),
    ).rejects.toThrow(/no compute target or shared host/);

    // A target in B whose selector matches the host's labels still places nothing there until it is shared.
    await b.owner.compute.createTarget({ workspaceId: b.workspaceId, name: "pool", selector: { pool: "p" } });
    expect((await b.owner.compute.targets({ workspaceId: b.workspaceId }))[0]?.hostNames).toEqual([]);
    const { runId } = await b.owner.jobs.submit({
      workspaceId: b.workspaceId,
      yaml: "command: x\nenvironment: crucible-sklearn\ncompute: pool\n",
    });
    await db().computeHost.update({ where: { id: host.id }, data: { state: "Online", lastSeenAt: new Date() } });
    expect(await claimJobs("test-worker", [b.workspaceId])).toEqual([]);
    await admin.admin.shareHost({ hostId: host.id, workspaceId: b.workspaceId });
    expect(await claimJobs("test-worker", [b.workspaceId])).toEqual([runId]);
    expect((await db().job.findUniqueOrThrow({ where: { runId } })).hostId).toBe(host.id);

    await admin.admin.unshareHost({ hostId: host.id, workspaceId: a.workspaceId });
    const events = await a.owner.audit.list({ workspaceId: a.workspaceId });
    expect(events.items.map((e) => e.action).slice(0, 2)).toEqual(["compute.host.unshare", "compute.host.share"]);
    const jobEvents = await b.owner.audit.list({ workspaceId: b.workspaceId });
    expect(jobEvents.items.find((e) => e.action === "job.submit")).toMatchObject({
      targetId: runId,
      details: { compute: "pool", command: "x" },
    });
  });

  it("run environments' RUN lines as root only where an admin says so, recorded", async () => {
    const admin = callerFor(await createAdmin());
    const { workspaceId, owner } = await ownerWorkspace("owner-root-steps");
    const host = await admin.admin.registerHost({
      name: `root-steps-${Date.now()}`,
      endpoint: "unix:///nonexistent/docker.sock",
      workspaceIds: [workspaceId],
    });
    expect((await owner.compute.hosts({ workspaceId }))[0]?.runStepsAsRoot).toBe(false);
    await admin.admin.updateHost({ hostId: host.id, runStepsAsRoot: true });
    expect((await owner.compute.hosts({ workspaceId }))[0]?.runStepsAsRoot).toBe(true);
    const { items } = await admin.admin.audit({ limit: 50 });
    expect(items.find((e) => e.action === "compute.host.update" && e.targetId === host.id)).toMatchObject({
      details: { name: host.name, runStepsAsRoot: true },
    });
  });
});

describe("the audit log", () => {
  it("records purges, keeps workspace deletion for Owners, and outlives the workspace for admins", async () => {
    const { workspaceId, owner } = await ownerWorkspace();
    const { members } = await workspaceWithRoles(await createUser("unused"));
    await db().membership.create({ data: { workspaceId, userId: members.Contributor.id, role: "Contributor" } });
    const run = await owner.runs.create({ workspaceId, experimentName: "to-purge", displayName: "doomed" });
    await owner.runs.update({ workspaceId, runId: run.id, isDeleted: true });
    await owner.runs.purge({ workspaceId, runId: run.id });
    const experiment = await owner.experiments.create({ workspaceId, name: "old" });
    await owner.experiments.update({ workspaceId, experimentId: experiment.id, isArchived: true });
    await owner.experiments.purge({ workspaceId, experimentId: experiment.id });
    const { items } = await owner.audit.list({ workspaceId });
    expect(items.find((e) => e.action === "run.purge")).toMatchObject({
      targetId: run.id,
      details: { name: "doomed" },
    });
    expect(items.find((e) => e.action === "experiment.purge")).toMatchObject({
      targetId: experiment.id,
      details: { name: "old" },
    });

    await expect(callerFor(members.Contributor).workspaces.delete({ workspaceId })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Missing permission: workspace:delete",
    });
    const name = (await owner.workspaces.byId({ workspaceId })).name;
    await owner.workspaces.delete({ workspaceId });

    const admin = callerFor(await createAdmin());
    const deleted = (await admin.admin.deletedWorkspaces()).find((w) => w.workspaceId === workspaceId);
    expect(deleted).toMatchObject({ name, events: items.length + 1 });
    const log = await admin.admin.audit({ workspaceId, limit: 200 });
    expect(log.items.map((e) => e.action)).toEqual(["workspace.delete", ...items.map((e) => e.action)]);
    expect((await db().auditEvent.findMany({ where: { workspaceId } })).every((e) => e.workspaceName === name)).toBe(
      true,
    );
    // A live workspace's log stays its Owners'.
    const live = await ownerWorkspace();
    await expect(admin.admin.audit({ workspaceId: live.workspaceId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
