import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { screenshot, signIn, signOut } from "../fixtures/api";

test("a wrong password is refused with a message; sign-out ends the session", async ({ page }) => {
  await page.goto("/w/anything/members");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid" })).toHaveText("Invalid email or password.");
  await screenshot(page, "00-sign-in-error");

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await signOut(page);
  await page.goto("/workspaces");
  await expect(page).toHaveURL(/\/signin/);
});

test("API tokens page creates, shows once and revokes a token; unbuilt sections say so", async ({ page, request }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const created = await request.post("/api/v1/auth/token", {
    data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password, name: "seed" },
  });
  expect(created.status()).toBe(200);
  await page.goto("/workspaces");
  await page.getByLabel("Name", { exact: true }).fill(`pages-${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByTestId("workspace-role")).toHaveText("Owner");

  const nav = page.getByRole("navigation", { name: "Studio" });
  await nav.getByRole("link", { name: "API tokens" }).click();
  await page.getByLabel("Token name").fill("laptop");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").inputValue();
  expect(token).toMatch(/^cru_/);
  await expect(page.getByRole("cell", { name: "laptop", exact: true })).toBeVisible();
  await screenshot(page, "07-api-tokens");
  const whoami = await request.get("/api/v1/whoami", { headers: { Authorization: `Bearer ${token}` } });
  expect(whoami.status()).toBe(200);
  await page.getByRole("button", { name: "Revoke token laptop" }).click();
  await expect(page.getByRole("cell", { name: "laptop", exact: true })).toHaveCount(0);
  expect((await request.get("/api/v1/whoami", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);

  await nav.getByRole("link", { name: "Pipelines" }).click();
  await expect(page.getByRole("status")).toContainText("Not built yet");
  await screenshot(page, "08-pipelines-not-built");

  // Keyboard: the navigation is reachable and usable without a mouse.
  await nav.getByRole("link", { name: "Members" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
});
