import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";

test("the site admin page shows hosts with their sharing, users, settings and a deleted workspace's audit log", async ({
  page,
  request,
}) => {
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const name = `gone-${Date.now()}`;
  const created = await (await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name } })).json();
  expect((await request.delete(`/api/v1/workspaces/${created.id}`, { headers: bearer(token) })).status()).toBe(200);

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/workspaces");
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Site administration" })).toBeVisible();
  const local = page.getByRole("listitem", { name: "Host local" });
  await expect(local).toContainText("Online");
  await expect(local).toContainText("network none");
  await expect(local.getByRole("checkbox", { name: "default", exact: true })).toBeChecked();
  await local.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByText(/Online: Docker \d/)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: `Administrator: ${E2E_ADMIN.email}` })).toBeChecked();

  const register = page.getByRole("region", { name: "Register a host" });
  await register.getByLabel("Network").selectOption("host");
  await expect(register.getByRole("alert")).toContainText("loopback");
  // RUN lines run as the job's user unless an admin says otherwise, with a warning.
  await expect(local).not.toContainText("RUN as root");
  await register.getByRole("checkbox", { name: /RUN lines as root/ }).check();
  await expect(register.getByRole("alert").filter({ hasText: "root of its build container" })).toBeVisible();
  await page.getByLabel("Audit log to show").selectOption(created.id);
  await expect(page.getByRole("table", { name: "Deleted workspace audit log" })).toContainText("workspace.delete");
  await screenshot(page, "admin");

  // Not for everyone: a token of a non-admin is refused, and the REST route says why.
  const refused = await request.get("/api/v1/admin/hosts");
  expect(refused.status()).toBe(401);
});
