import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import type { BuiltInRole } from "../../server/rbac/roles";
import { bearer, tokenFor } from "../fixtures/api";

// Generated requests against every route of the OpenAPI document (schemathesis, from the venv of
// scripts/python-venv.sh), once with a token of each built-in role: no answer may be a 5xx or break
// the documented schema. FUZZ_SEED and FUZZ_EXAMPLES reproduce or widen a run.
const SCHEMATHESIS = path.resolve(".crucible-venv/bin/schemathesis");
const CONFIG = path.resolve("tests/python/schemathesis.toml");
const REPORTS = path.resolve("test-results/fuzz");
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const EXAMPLES = Number(process.env.FUZZ_EXAMPLES ?? 20);
// The roles that can change the most go last, so what they change in the shared workspace
// (members, settings, tokens) is in the way of the fewest runs.
const ROLES: readonly BuiltInRole[] = ["Reader", "MetricsWriter", "DataScientist", "Contributor", "Owner"];
const ROLE_TIMEOUT_MS = 240_000;

type TReport = {
  seed: number;
  complete: boolean;
  test_cases: { generated: number };
  failures: { code: string; title: string; count: number; operations: string[] }[];
  errors: { title: string; count: number }[];
};

async function json<T>(response: Promise<{ status: () => number; text: () => Promise<string> }>): Promise<T> {
  const r = await response;
  const text = await r.text();
  expect(r.status(), text).toBe(200);
  return JSON.parse(text) as T;
}

/** A new account holding `role` in each workspace given, with its own API token. */
async function memberWithRole(
  request: APIRequestContext,
  admin: string,
  workspaceIds: string[],
  role: BuiltInRole,
  label: string,
) {
  const email = `fuzz-${label}-${Date.now()}@e2e.test`;
  for (const workspaceId of workspaceIds) {
    const invite = await json<{ inviteUrl: string | null }>(
      request.post(`/api/v1/workspaces/${workspaceId}/invitations`, { headers: bearer(admin), data: { email, role } }),
    );
    // An account that exists already joins at once, with no link to follow.
    if (invite.inviteUrl)
      await json(
        request.post(`/api/v1/invitations/${invite.inviteUrl.split("/invite/")[1]}/accept`, {
          data: { name: label, password: "fuzz-password" },
        }),
      );
  }
  return { email, token: await tokenFor(request, email, "fuzz-password") };
}

/** Runs schemathesis to its end (or kills it at the time limit); resolves with its printed output. */
function runSchemathesis(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // Without Playwright's FORCE_COLOR, schemathesis prints plain lines rather than redrawn progress bars.
    const { FORCE_COLOR: _, ...inherited } = process.env;
    const child = spawn(SCHEMATHESIS, args, { cwd: REPORTS, env: { ...inherited, ...env, NO_COLOR: "1" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), ROLE_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("generated requests to every REST route: no 5xx, every answer as documented, for every role", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(ROLES.length * ROLE_TIMEOUT_MS + 120_000);
  const venv = spawnSync("bash", ["scripts/python-venv.sh"], { encoding: "utf8", timeout: 300_000 });
  expect(venv.status, `${venv.stdout}\n${venv.stderr}`).toBe(0);
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });

  const admin = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const workspace = await json<{ id: string }>(
    request.post("/api/v1/workspaces", { headers: bearer(admin), data: { name: `fuzz-${Date.now()}` } }),
  );
  // The member whose role the fuzzed member calls change and remove, never a fuzzing account.
  const spare = await memberWithRole(request, admin, [workspace.id], "Reader", "spare");
  const members = await json<{ userId: string; email: string }[]>(
    request.get(`/api/v1/workspaces/${workspace.id}/members`, { headers: bearer(admin) }),
  );
  const spareMemberId = members.find((m) => m.email === spare.email)!.userId;

  const accounts = [];
  for (const role of ROLES) {
    // A workspace of its own for the role to delete, and a token of its own to revoke.
    const spareWorkspace = await json<{ id: string }>(
      request.post("/api/v1/workspaces", {
        headers: bearer(admin),
        data: { name: `fuzz-spare-${role}-${Date.now()}` },
      }),
    );
    const { token } = await memberWithRole(request, admin, [workspace.id, spareWorkspace.id], role, role.toLowerCase());
    const spareToken = await json<{ id: string }>(
      request.post("/api/v1/tokens", { headers: bearer(token), data: { name: "spare", expiresInDays: 1 } }),
    );
    // A run (and its experiment) of its own with something in it, for the calls that name one.
    const runs = `/api/v1/workspaces/${workspace.id}/runs`;
    const data = {
      experimentName: `fuzz-${role}`,
      params: [{ key: "lr", value: "0.01" }],
      tags: [{ key: "model", value: "cnn" }],
    };
    const run = await json<{ id: string; experimentId: string }>(request.post(runs, { headers: bearer(admin), data }));
    const metrics = [1, 2, 3].map((step) => ({ key: "accuracy", value: step / 4, step }));
    await json(request.post(`${runs}/${run.id}/log-batch`, { headers: bearer(admin), data: { metrics } }));
    accounts.push({
      role,
      token,
      runId: run.id,
      experimentId: run.experimentId,
      spareWorkspaceId: spareWorkspace.id,
      spareTokenId: spareToken.id,
    });
  }

  let total = 0;
  for (const account of accounts) {
    const reportDir = path.join(REPORTS, account.role);
    const args = ["--config-file", CONFIG, "run", `${baseURL}/api/v1/openapi.json`];
    args.push("--seed", String(SEED), "--max-examples", String(EXAMPLES));
    args.push("--no-color", "--report", "json,junit", "--report-dir", reportDir);
    const { code, output } = await runSchemathesis(args, {
      CRUCIBLE_FUZZ_TOKEN: account.token,
      CRUCIBLE_FUZZ_WORKSPACE: workspace.id,
      CRUCIBLE_FUZZ_RUN: account.runId,
      CRUCIBLE_FUZZ_EXPERIMENT: account.experimentId,
      CRUCIBLE_FUZZ_SPARE_WORKSPACE: account.spareWorkspaceId,
      CRUCIBLE_FUZZ_SPARE_TOKEN: account.spareTokenId,
      CRUCIBLE_FUZZ_SPARE_MEMBER: spareMemberId,
      HYPOTHESIS_STORAGE_DIRECTORY: path.join(REPORTS, ".hypothesis"),
    });
    const reportFile = existsSync(reportDir)
      ? readdirSync(reportDir).find((name) => name.startsWith("json-"))
      : undefined;
    expect(reportFile, `schemathesis wrote no report (exit ${code}):\n${output}`).toBeDefined();
    const report = JSON.parse(readFileSync(path.join(reportDir, reportFile!), "utf8")) as TReport;
    const failures = report.failures.reduce((sum, f) => sum + f.count, 0);
    console.log(
      `fuzz ${account.role}: seed ${report.seed}, ${report.test_cases.generated} generated requests, ${failures} failures`,
    );
    total += report.test_cases.generated;
    // Every role runs whatever an earlier one found; each failure comes with schemathesis's own
    // account of the case and a curl command that replays it.
    const details = output.slice(Math.max(0, output.search(/={5,} (FAILURES|ERRORS) ={5,}/)));
    expect
      .soft(
        { exit: code, complete: report.complete, failures: report.failures, errors: report.errors },
        `${account.role}:\n${details}`,
      )
      .toEqual({ exit: 0, complete: true, failures: [], errors: [] });
    // The run must not have cut itself off from the API it was testing.
    expect
      .soft(
        (await request.get("/api/v1/whoami", { headers: bearer(account.token) })).status(),
        `${account.role}'s token after the run`,
      )
      .toBe(200);
  }
  console.log(
    `fuzz total: ${total} generated requests with seed ${SEED} (FUZZ_SEED=${SEED} FUZZ_EXAMPLES=${EXAMPLES} to replay)`,
  );
  expect(total).toBeGreaterThan(ROLES.length * 200);
  // Generated sign-ins fail validation before any password check, so the specs after this one can
  // still sign in from this address.
  await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
});

// Methods Next.js cannot route (TRACE) are answered 405 by the studio's own server, not a 500.
test("TRACE is refused with a 4xx, not a 500", async ({ request }) => {
  for (const route of ["/api/v1/whoami", "/api/v1/workspaces", "/api/health"]) {
    const response = await request.fetch(route, { method: "TRACE" });
    expect(response.status(), `TRACE ${route}`).toBe(405);
  }
});
