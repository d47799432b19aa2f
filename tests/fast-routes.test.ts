import { describe, expect, it } from "vitest";
import { db } from "../server/db";
import { matchFastRoute } from "../server/http/fast-routes";
import type { TBufferedRequest } from "../server/http/node-bridge";
import { logBatch } from "../server/services/runs/log-batch";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { handleRest } from "../server/trpc/rest-handler";
import { callerFor, createUser, workspaceWithRoles } from "./helpers/actors";

type TCase = { name: string; token: string; runId?: string; body: string; status: number };

async function fixture() {
  const owner = await createUser("owner");
  const { workspace, members } = await workspaceWithRoles(owner);
  const run = await callerFor(owner).runs.create({ workspaceId: workspace.id, experimentName: "fast" });
  await logBatch(workspace.id, run.id, { metrics: [], params: [{ key: "lr", value: "0.1" }], tags: [] });
  const ownerToken = (await createApiToken(owner.id, "sdk")).token;
  const readerToken = (await createApiToken(members.Reader.id, "sdk")).token;
  const cases: TCase[] = [
    {
      name: "a batch",
      token: ownerToken,
      body: JSON.stringify({
        metrics: [
          { key: "loss", value: 0.5, step: 1 },
          { key: "loss", value: "NaN", step: 2 },
        ],
        tags: [{ key: "a", value: "b" }],
      }),
      status: 200,
    },
    { name: "an empty body", token: ownerToken, body: "", status: 200 },
    {
      name: "a bad value",
      token: ownerToken,
      body: JSON.stringify({ metrics: [{ key: "loss", value: "high" }] }),
      status: 400,
    },
    {
      name: "too many points",
      token: ownerToken,
      body: JSON.stringify({ metrics: Array.from({ length: 1001 }, (_, i) => ({ key: "x", value: i })) }),
      status: 400,
    },
    { name: "broken JSON", token: ownerToken, body: "{", status: 400 },
    {
      name: "a changed param",
      token: ownerToken,
      body: JSON.stringify({ params: [{ key: "lr", value: "0.2" }] }),
      status: 400,
    },
    { name: "an unknown token", token: "cru_nope", body: "{}", status: 401 },
    { name: "a Reader", token: readerToken, body: JSON.stringify({ metrics: [{ key: "x", value: 1 }] }), status: 403 },
    { name: "an unknown run", token: ownerToken, runId: "no-such-run", body: "{}", status: 404 },
  ];
  return { workspaceId: workspace.id, runId: run.id, cases };
}

function request(path: string, token: string, body: string): Request {
  return new Request(`http://studio.test${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
  });
}

async function buffered(req: Request): Promise<TBufferedRequest> {
  return { method: req.method, url: req.url, headers: req.headers, body: Buffer.from(await req.arrayBuffer()) };
}

describe("log-batch before Next.js's router", () => {
  it("answers every case exactly as the REST route does", async () => {
    const { workspaceId, runId, cases } = await fixture();
    for (const c of cases) {
      const path = `/api/v1/workspaces/${workspaceId}/runs/${c.runId ?? runId}/log-batch`;
      const fast = matchFastRoute("POST", path, `Bearer ${c.token}`);
      expect(fast, c.name).not.toBeNull();
      const viaFast = await fast!.handle(await buffered(request(path, c.token, c.body)));
      const viaRest = await handleRest(request(path, c.token, c.body));
      expect([c.name, viaFast.status], c.name).toEqual([c.name, c.status]);
      expect([c.name, viaFast.status, await viaFast.json()]).toEqual([c.name, viaRest.status, await viaRest.json()]);
    }
    // Both ways wrote their two points, and only the valid batches wrote anything.
    expect(await db().metric.count({ where: { runId } })).toBe(4);
    expect(await db().metricSummary.findMany({ where: { runId }, select: { key: true, count: true } })).toEqual([
      { key: "loss", count: 4n },
    ]);
    expect((await db().runParam.findMany({ where: { runId } })).map((p) => p.value)).toEqual(["0.1"]);
  });

  it("leaves browser sessions, other methods and other routes to Next.js", () => {
    const path = "/api/v1/workspaces/w/runs/r/log-batch";
    expect(matchFastRoute("POST", path, null)).toBeNull();
    expect(matchFastRoute("GET", path, "Bearer cru_x")).toBeNull();
    expect(matchFastRoute("POST", "/api/v1/workspaces/w/runs", "Bearer cru_x")).toBeNull();
    expect(matchFastRoute("POST", "/mlflow/default/api/2.0/mlflow/runs/log-batch", null)).not.toBeNull();
    expect(matchFastRoute("GET", "/mlflow/default/api/2.0/mlflow-artifacts/artifacts/a.txt", null)).toBeNull();
  });
});
