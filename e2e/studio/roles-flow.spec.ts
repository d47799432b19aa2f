import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, signOut, tokenFor } from "../fixtures/api";

// The end-to-end story: an Owner invites a Reader, the Reader sees no write buttons and
// is refused by the API, then a promotion to Contributor applies on the next request.
test("owner invites a reader, reader is read-only, promotion applies at once", async ({ page, request }) => {
  const readerEmail = `reader-${Date.now()}@e2e.test`;
  const readerPassword = "reader-password-1";
  const workspaceName = `vision-${Date.now()}`;

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/workspaces");
  await screenshot(page, "01-workspaces");
  await page.getByLabel("Name", { exact: true }).fill(workspaceName);
  await page.getByLabel("Description").fill("Image models");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { name: workspaceName })).toBeVisible();
  await expect(page.getByTestId("workspace-role")).toHaveText("Owner");
  await expect(page.getByRole("button", { name: "Delete workspace" })).toBeVisible();
  const workspaceId = new URL(page.url()).pathname.split("/")[2]!;
  await screenshot(page, "02-workspace-home-owner");

  await page.getByRole("navigation", { name: "Studio" }).getByRole("link", { name: "Members" }).click();
  await page.getByLabel("Email").fill(readerEmail);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Reader" });
  await page.getByRole("button", { name: "Invite" }).click();
  const inviteUrl = await page.getByTestId("invite-link").inputValue();
  expect(inviteUrl).toContain("/invite/inv_");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("member.invite");
  await screenshot(page, "03-members-owner");
  await signOut(page);

  await page.goto(new URL(inviteUrl).pathname);
  await expect(page.getByText("You are invited as")).toContainText("Reader");
  await screenshot(page, "04-accept-invitation");
  await page.getByLabel("Your name").fill("Rita Reader");
  await page.getByLabel("Password").fill(readerPassword);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await page.waitForURL(/\/signin/);
  await signIn(page, readerEmail, readerPassword);
  await expect(page.getByRole("heading", { name: workspaceName })).toBeVisible();
  await expect(page.getByTestId("workspace-role")).toHaveText("Reader");
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete workspace" })).toHaveCount(0);
  await screenshot(page, "05-workspace-home-reader");
  await page.getByRole("navigation", { name: "Studio" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByTestId(`member-${readerEmail}`)).toContainText("Reader");
  await expect(page.getByRole("button", { name: "Invite" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Audit log" })).toHaveCount(0);
  await screenshot(page, "06-members-reader");

  const readerToken = await tokenFor(request, readerEmail, readerPassword);
  const denied = await request.patch(`/api/v1/workspaces/${workspaceId}`, {
    headers: bearer(readerToken),
    data: { description: "changed by reader" },
  });
  expect(denied.status()).toBe(403);
  expect(await denied.json()).toMatchObject({ code: "FORBIDDEN", message: "Missing permission: workspace:update" });

  const ownerToken = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const members = (await (
    await request.get(`/api/v1/workspaces/${workspaceId}/members`, { headers: bearer(ownerToken) })
  ).json()) as { userId: string; email: string }[];
  const reader = members.find((m) => m.email === readerEmail)!;
  const promoted = await request.patch(`/api/v1/workspaces/${workspaceId}/members/${reader.userId}`, {
    headers: bearer(ownerToken),
    data: { role: "Contributor" },
  });
  expect(promoted.status(), await promoted.text()).toBe(200);

  const allowed = await request.patch(`/api/v1/workspaces/${workspaceId}`, {
    headers: bearer(readerToken),
    data: { description: "changed by contributor" },
  });
  expect(allowed.status(), await allowed.text()).toBe(200);
  await page.reload();
  await expect(page.getByTestId(`member-${readerEmail}`)).toContainText("Contributor");
  await expect(page.getByRole("button", { name: "Invite" })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Studio" }).getByRole("link", { name: "Home" }).click();
  await expect(page.getByRole("button", { name: "Save settings" })).toBeVisible();
  await expect(page.getByText("changed by contributor")).toBeVisible();
  // Deleting the workspace (and with it everything but its audit log) stays the Owner's.
  await expect(page.getByRole("button", { name: "Delete workspace" })).toHaveCount(0);
  expect((await request.delete(`/api/v1/workspaces/${workspaceId}`, { headers: bearer(readerToken) })).status()).toBe(
    403,
  );
  // The shell links to the site Admin page only for administrators.
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
});
