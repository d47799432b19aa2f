import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import type { Action } from "../../server/rbac/actions";
import { BUILT_IN_ROLES, GRANTS, type BuiltInRole } from "../../server/rbac/roles";
import { bearer, tokenFor } from "../fixtures/api";

// The REST routes that are not tRPC procedures (streamed files and logs) × every built-in role and
// a non-member: the same permission check, the same answers.
type TRoute = {
  name: string;
  action: Action;
  call: (request: APIRequestContext, token: string) => Promise<{ status: () => number; text: () => Promise<string> }>;
};

test("streamed REST routes check every role like the procedures do", async ({ request }) => {
  test.setTimeout(120_000);
  const owner = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await (
    await request.post("/api/v1/workspaces", { headers: bearer(owner), data: { name: `streamed-${Date.now()}` } })
  ).json();
  const run = await (
    await request.post(`/api/v1/workspaces/${ws.id}/runs`, {
      headers: bearer(owner),
      data: { experimentName: "streamed" },
    })
  ).json();
  await request.put(`/api/v1/workspaces/${ws.id}/runs/${run.id}/artifacts/outputs/a.txt`, {
    headers: bearer(owner),
    data: "a",
  });
  // Ended, so the log stream answers and closes at once.
  await request.patch(`/api/v1/workspaces/${ws.id}/runs/${run.id}`, {
    headers: bearer(owner),
    data: { status: "Completed" },
  });

  const tokens = {} as Record<BuiltInRole | "Outsider", string>;
  for (const role of BUILT_IN_ROLES) {
    const email = `streamed-${role.toLowerCase()}-${Date.now()}@e2e.test`;
    const invite = await (
      await request.post(`/api/v1/workspaces/${ws.id}/invitations`, { headers: bearer(owner), data: { email, role } })
    ).json();
    await request.post(`/api/v1/invitations/${invite.inviteUrl.split("/invite/")[1]}/accept`, {
      data: { name: role, password: "role-password" },
    });
    tokens[role] = await tokenFor(request, email, "role-password");
  }
  const outsiderEmail = `streamed-outsider-${Date.now()}@e2e.test`;
  const outsiderWs = await (
    await request.post("/api/v1/workspaces", { headers: bearer(owner), data: { name: `outsider-${Date.now()}` } })
  ).json();
  const invite = await (
    await request.post(`/api/v1/workspaces/${outsiderWs.id}/invitations`, {
      headers: bearer(owner),
      data: { email: outsiderEmail, role: "Owner" },
    })
  ).json();
  await request.post(`/api/v1/invitations/${invite.inviteUrl.split("/invite/")[1]}/accept`, {
    data: { name: "Outsider", password: "role-password" },
  });
  tokens.Outsider = await tokenFor(request, outsiderEmail, "role-password");

  const files = `/api/v1/workspaces/${ws.id}/runs/${run.id}`;
  const routes: TRoute[] = [
    {
      name: "GET artifact file",
      action: "experiment:read",
      call: (r, t) => r.get(`${files}/artifacts/outputs/a.txt`, { headers: bearer(t) }),
    },
    {
      name: "PUT artifact file",
      action: "artifact:write",
      call: (r, t) => r.put(`${files}/artifacts/outputs/b.txt`, { headers: bearer(t), data: "b" }),
    },
    {
      name: "GET snapshot",
      action: "experiment:read",
      call: (r, t) => r.get(`${files}/snapshot`, { headers: bearer(t) }),
    },
    {
      name: "PUT snapshot",
      action: "artifact:write",
      call: (r, t) => r.put(`${files}/snapshot`, { headers: bearer(t), data: "not a tarball" }),
    },
    {
      name: "GET log stream",
      action: "experiment:read",
      call: (r, t) => r.get(`/api/v1/runs/${run.id}/logs/stream`, { headers: bearer(t) }),
    },
    {
      // A version that does not exist: allowed roles get NOT_FOUND, the others FORBIDDEN first.
      name: "GET data file view",
      action: "data:read",
      call: (r, t) =>
        r.get(`/api/v1/workspaces/${ws.id}/data/missing/versions/1/view?path=a.png`, { headers: bearer(t) }),
    },
    {
      name: "GET log download",
      action: "experiment:read",
      call: (r, t) => r.get(`/api/v1/runs/${run.id}/logs/download`, { headers: bearer(t) }),
    },
  ];
  for (const route of routes) {
    for (const role of BUILT_IN_ROLES) {
      const response = await route.call(request, tokens[role]);
      const isAllowed = (GRANTS[route.action] as readonly BuiltInRole[]).includes(role);
      const what = `${route.name} as ${role}: ${response.status()} ${await response.text()}`;
      if (isAllowed)
        expect([401, 403].includes(response.status()) || /Workspace not found/.test(await response.text()), what).toBe(
          false,
        );
      else
        expect({ status: response.status(), body: JSON.parse(await response.text()) }, what).toEqual({
          status: 403,
          body: { code: "FORBIDDEN", message: `Missing permission: ${route.action}` },
        });
    }
    const outsider = await route.call(request, tokens.Outsider);
    expect(outsider.status(), `${route.name} as a non-member`).toBe(404);
    const anonymous = await route.call(request, "not-a-token");
    expect(anonymous.status(), `${route.name} with a bad token`).toBe(401);
  }
});
