import { describe, expect, it } from "vitest";
import { resolveTokenCaller } from "../server/auth/resolve-token-caller";
import { resolveApiToken } from "../server/services/tokens/resolve-api-token";
import { createRunToken, revokeRunTokens } from "../server/services/tokens/create-run-token";
import type { TContext } from "../server/trpc/context";
import { createCaller } from "../server/trpc/root";
import { callerFor, createUser, workspaceWithRoles } from "./helpers/actors";
import { mlflowClient } from "./helpers/mlflow";

/** A caller as the API would build it from the bearer token. */
async function callerForToken(token: string) {
  const caller = await resolveTokenCaller(token);
  return createCaller({
    caller,
    isBadToken: !caller,
    origin: "http://studio.test",
    headers: new Headers(),
  } satisfies TContext);
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

    await expect(
      scoped.runs.logBatch({ workspaceId, runId: run.id, metrics: [{ key: "acc", value: 0.9, step: 0 }] }),
    ).resolves.toBeTruthy();
    await expect(
      scoped.runs.logBatch({ workspaceId, runId: sibling.id, metrics: [{ key: "acc", value: 0.9, step: 0 }] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: `This token acts only on run ${run.id}` });
    await expect(scoped.runs.byId({ workspaceId, runId: run.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Missing permission: experiment:read",
    });
    await expect(
      scoped.jobs.submit({ workspaceId, yaml: "command: x\nenvironment: e\ncompute: c\n" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(scoped.workspaces.list()).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "A run-scoped token acts only on its run",
    });
    await expect(scoped.runs.logBatch({ workspaceId: other, runId: run.id, metrics: [] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    // The same limits through the MLflow API.
    const mlflow = mlflowClient(workspaceId, token);
    expect(
      (await mlflow("POST", "runs/log-metric", { run_id: run.id, key: "loss", value: 0.1, timestamp: 1, step: 1 }))
        .status,
    ).toBe(200);
    expect(
      await mlflow("POST", "runs/log-metric", { run_id: sibling.id, key: "loss", value: 0.1, timestamp: 1 }),
    ).toMatchObject({ status: 403, body: { error_code: "PERMISSION_DENIED" } });
    expect(await mlflow("POST", "experiments/create", { name: "not-mine" })).toMatchObject({
      status: 403,
      body: { error_code: "PERMISSION_DENIED" },
    });
    expect(await mlflow("GET", "runs/get", { run_id: run.id })).toMatchObject({
      status: 403,
      body: { error_code: "PERMISSION_DENIED" },
    });
    expect(
      await mlflowClient(other, token)("POST", "runs/log-metric", { run_id: run.id, key: "x", value: 1, timestamp: 1 }),
    ).toMatchObject({ status: 404, body: { error_code: "RESOURCE_DOES_NOT_EXIST" } });

    await revokeRunTokens(run.id);
    expect(await resolveApiToken(token)).toBeNull();
  });
});
