import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, tokenFor } from "../fixtures/api";

test.describe("REST API /api/v1", () => {
  let token: string;
  test.beforeAll(async ({ request }) => {
    token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  });

  test("health checks the database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("whoami, workspaces and members round trip", async ({ request }) => {
    const name = `rest-${Date.now()}`;
    const created = await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name } });
    expect(created.status()).toBe(200);
    const workspace = (await created.json()) as { id: string; name: string; role: string };
    expect(workspace).toMatchObject({ name, role: "Owner" });

    const whoami = await (await request.get("/api/v1/whoami", { headers: bearer(token) })).json();
    expect(whoami.user.email).toBe(E2E_ADMIN.email);
    expect(whoami.workspaces).toContainEqual({ id: workspace.id, name, role: "Owner" });
    const listed = await (await request.get("/api/v1/workspaces", { headers: bearer(token) })).json();
    expect(listed.map((w: { id: string }) => w.id)).toContain(workspace.id);

    const inviteeEmail = `rest-invitee-${Date.now()}@e2e.test`;
    const invite = await request.post(`/api/v1/workspaces/${workspace.id}/invitations`, {
      headers: bearer(token),
      data: { email: inviteeEmail, role: "DataScientist" },
    });
    const { inviteUrl } = (await invite.json()) as { inviteUrl: string };
    const inviteToken = inviteUrl.split("/invite/")[1];
    const accepted = await request.post(`/api/v1/invitations/${inviteToken}/accept`, {
      data: { name: "Dana", password: "dana-password-1" },
    });
    expect(accepted.status(), await accepted.text()).toBe(200);

    const members = (await (
      await request.get(`/api/v1/workspaces/${workspace.id}/members`, { headers: bearer(token) })
    ).json()) as { userId: string; email: string; roleLabel: string }[];
    const dana = members.find((m) => m.email === inviteeEmail)!;
    expect(dana.roleLabel).toBe("Data Scientist");
    const changed = await request.patch(`/api/v1/workspaces/${workspace.id}/members/${dana.userId}`, {
      headers: bearer(token),
      data: { role: "MetricsWriter" },
    });
    expect(await changed.json()).toMatchObject({ roleLabel: "Metrics Writer" });
    const removed = await request.delete(`/api/v1/workspaces/${workspace.id}/members/${dana.userId}`, {
      headers: bearer(token),
    });
    expect(await removed.json()).toEqual({ ok: true });
    const readded = await request.post(`/api/v1/workspaces/${workspace.id}/members`, {
      headers: bearer(token),
      data: { email: inviteeEmail, role: "Reader" },
    });
    expect(await readded.json()).toMatchObject({ email: inviteeEmail, roleLabel: "Reader" });

    const audit = await (
      await request.get(`/api/v1/workspaces/${workspace.id}/audit`, { headers: bearer(token) })
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action).slice(0, 5)).toEqual([
      "member.add",
      "member.remove",
      "member.changeRole",
      "member.acceptInvitation",
      "member.invite",
    ]);
  });

  test("errors are {code, message} with the right status", async ({ request }) => {
    const badInput = await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name: "" } });
    expect(badInput.status()).toBe(400);
    expect(await badInput.json()).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("name:") });

    const anonymous = await request.get("/api/v1/whoami");
    expect(anonymous.status()).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: "UNAUTHORIZED" });
    const badToken = await request.get("/api/v1/whoami", { headers: bearer("cru_not-a-real-token") });
    expect(await badToken.json()).toEqual({ code: "UNAUTHORIZED", message: "Invalid or expired token" });

    const missing = await request.get("/api/v1/workspaces/does-not-exist/members", { headers: bearer(token) });
    expect(missing.status()).toBe(404);
    expect(await missing.json()).toEqual({ code: "NOT_FOUND", message: "Workspace not found" });

    const name = `dup-${Date.now()}`;
    await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name } });
    const duplicate = await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name } });
    expect(duplicate.status()).toBe(409);
    expect(await duplicate.json()).toMatchObject({ code: "CONFLICT" });
  });

  test("publishes an OpenAPI document of the same procedures", async ({ request }) => {
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      "/whoami",
      "/workspaces",
      "/workspaces/{workspaceId}/members",
      "/workspaces/{workspaceId}/members/{userId}",
      "/auth/token",
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths["/auth/token"].post.security).toBeUndefined();
  });

  test("a revoked token stops working at once", async ({ request }) => {
    const created = await (
      await request.post("/api/v1/tokens", { headers: bearer(token), data: { name: "short-lived", expiresInDays: 1 } })
    ).json();
    expect((await request.get("/api/v1/whoami", { headers: bearer(created.token) })).status()).toBe(200);
    await request.delete(`/api/v1/tokens/${created.id}`, { headers: bearer(token) });
    expect((await request.get("/api/v1/whoami", { headers: bearer(created.token) })).status()).toBe(401);
  });
});
