import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";

test("artifacts upload, list, download, and obey roles", async ({ page, request }) => {
  const owner = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await (
    await request.post("/api/v1/workspaces", { headers: bearer(owner), data: { name: `files-${Date.now()}` } })
  ).json();
  const run = await (
    await request.post(`/api/v1/workspaces/${ws.id}/runs`, {
      headers: bearer(owner),
      data: { experimentName: "files", displayName: "with-files" },
    })
  ).json();
  const base = `/api/v1/workspaces/${ws.id}/runs/${run.id}/artifacts`;
  const bytes = randomBytes(2 * 1024 * 1024);

  const put = await request.put(`${base}/outputs/model.bin`, {
    headers: { ...bearer(owner), "content-type": "application/octet-stream" },
    data: bytes,
  });
  expect(put.status(), await put.text()).toBe(200);
  expect(await put.json()).toMatchObject({ path: "outputs/model.bin", size: bytes.length });
  await request.put(`${base}/logs/train.log`, { headers: bearer(owner), data: Buffer.from("epoch 1\nepoch 2\n") });

  const root = await (await request.get(base, { headers: bearer(owner) })).json();
  expect(root.map((e: { path: string; isDir: boolean }) => [e.path, e.isDir])).toEqual([
    ["logs", true],
    ["outputs", true],
  ]);
  const outputs = await (await request.get(`${base}?path=outputs`, { headers: bearer(owner) })).json();
  expect(outputs).toEqual([expect.objectContaining({ path: "outputs/model.bin", isDir: false, size: bytes.length })]);
  const download = await request.get(`${base}/outputs/model.bin`, { headers: bearer(owner) });
  expect(Buffer.compare(await download.body(), bytes)).toBe(0);

  expect((await request.put(`${base}/..%2F..%2Fescape.txt`, { headers: bearer(owner), data: "x" })).status()).toBe(400);
  expect((await request.get(`${base}/outputs/missing.bin`, { headers: bearer(owner) })).status()).toBe(404);
  expect((await request.get(`${base}/outputs/model.bin`)).status()).toBe(401);

  // A Reader may download but not upload.
  const readerEmail = `files-reader-${Date.now()}@e2e.test`;
  const invite = await (
    await request.post(`/api/v1/workspaces/${ws.id}/invitations`, {
      headers: bearer(owner),
      data: { email: readerEmail, role: "Reader" },
    })
  ).json();
  await request.post(`/api/v1/invitations/${invite.inviteUrl.split("/invite/")[1]}/accept`, {
    data: { name: "R", password: "reader-password" },
  });
  const reader = await tokenFor(request, readerEmail, "reader-password");
  expect((await request.get(`${base}/logs/train.log`, { headers: bearer(reader) })).status()).toBe(200);
  const denied = await request.put(`${base}/outputs/evil.bin`, { headers: bearer(reader), data: "x" });
  expect(denied.status()).toBe(403);
  expect(await denied.json()).toEqual({ code: "FORBIDDEN", message: "Missing permission: artifact:write" });
  // The snapshot route runs the same check: a Reader may not upload one, and may read (none here yet).
  const snapshotBase = `/api/v1/workspaces/${ws.id}/runs/${run.id}/snapshot`;
  expect((await request.put(snapshotBase, { headers: bearer(reader), data: "x" })).status()).toBe(403);
  expect((await request.get(snapshotBase, { headers: bearer(reader) })).status()).toBe(404);
  expect((await request.get(snapshotBase)).status()).toBe(401);

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws.id}/runs/${run.id}`);
  await page.getByRole("button", { name: "outputs/", exact: true }).click();
  const link = page.getByRole("link", { name: "model.bin" });
  await expect(link).toBeVisible();
  await expect(page.getByRole("list", { name: "Artifacts" })).toContainText("2.0 MiB");
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(file.suggestedFilename()).toBe("model.bin");
  await page.getByRole("button", { name: "artifacts" }).click();
  await page.getByRole("button", { name: "logs/", exact: true }).click();
  await page.getByRole("button", { name: "View train.log" }).click();
  await expect(page.getByTestId("file-viewer")).toContainText("epoch 2");
  await screenshot(page, "14-run-outputs");
});
