import { describe, expect, it } from "vitest";
import { resolveApiToken } from "../server/services/tokens/resolve-api-token";
import { createRunToken, revokeRunTokens } from "../server/services/tokens/create-run-token";
import type { TContext } from "../server/trpc/context";
import { createCaller } from "../server/trpc/root";
import { callerFor, createUser, workspaceWithRoles } from "./helpers/actors";

/** A caller as the API would build it from the bearer token. */
async function callerForToken(token: string) {
  const resolved = await resolveApiToken(token);
  if (!resolved) return createCaller({ caller: null, isBadToken: true, origin: "http://studio.test" } as TContext);
  const u = resolved.user;
  return createCaller({ caller: { userId: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin, via: "token", scope: resolved.scope }, isBadToken: false, origin: "http://studio.test" } as TContext);
}

describe("run-scoped tokens (what a job's container gets)", () => {
  it("log metrics to their own run only, and nothing else, until revoked", async () => {
    const user = await createUser("owner");
    const workspaceId = (await workspaceWithRoles(user)).workspace.id;
    const other = (await workspaceWithRoles(await createUser("other-owner"))).workspace.id;
    const owner = callerFor(user);
    const run = await owner.runs.create({ workspaceId, experimentName: "scoped" });
    const sibling = await owner.runs.create({ workspaceId, experimentName: "scoped" });
    const token = await createRunToken(user.id, workspaceId, run.id, 60);
    const scoped = await callerForToken(token);

    await expect(scoped.runs.logBatch({ workspaceId, runId: run.id, metrics: [{ key: "acc", value: 0.9, step: 0 }] })).resolves.toBeTruthy();
    await expect(scoped.runs.logBatch({ workspaceId, runId: sibling.id, metrics: [{ key: "acc", value: 0.9, step: 0 }] })).rejects.toMatchObject({ code: "FORBIDDEN", message: `This token acts only on run ${run.id}` });
    await expect(scoped.runs.byId({ workspaceId, runId: run.id })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Missing permission: experiment:read" });
    await expect(scoped.jobs.submit({ workspaceId, yaml: "command: x\nenvironment: e\ncompute: c\n" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(scoped.workspaces.list()).rejects.toMatchObject({ code: "FORBIDDEN", message: "A run-scoped token acts only on its run" });
    await expect(scoped.runs.logBatch({ workspaceId: other, runId: run.id, metrics: [] })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await revokeRunTokens(run.id);
    expect(await resolveApiToken(token)).toBeNull();
  });
});
