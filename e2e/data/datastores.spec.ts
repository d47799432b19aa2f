import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { startS3Server, type TS3Server } from "../../tests/helpers/s3-server";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";

let s3: TS3Server;
test.beforeAll(async () => {
  s3 = await startS3Server();
});
test.afterAll(async () => {
  await s3?.stop();
});

test("an Owner adds an S3 datastore, tests it and makes it the default; its secret is never shown", async ({
  page,
  request,
}) => {
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const workspace = await (
    await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name: `stores-${Date.now()}` } })
  ).json();

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${workspace.id}/datastores`);
  const blob = page.getByRole("listitem", { name: "Datastore workspaceblobstore" });
  await expect(blob).toContainText("Default");
  await expect(blob).toContainText("The studio's artifact folder");

  const form = page.getByRole("form", { name: "New datastore" });
  await form.getByLabel("Datastore name").fill("shared-s3");
  await form.getByLabel("Endpoint URL").fill(s3.target.endpoint);
  await form.getByLabel("Bucket").fill(s3.target.bucket);
  await form.getByLabel("Prefix").fill("crucible");
  await form.getByLabel("Access key ID").fill(s3.target.accessKeyId);
  await form.getByLabel("Secret access key").fill(s3.target.secretAccessKey);
  await form.getByRole("button", { name: "Add datastore" }).click();

  const shared = page.getByRole("listitem", { name: "Datastore shared-s3" });
  await expect(shared).toContainText(`${s3.target.endpoint} › ${s3.target.bucket}/crucible`);
  await expect(shared).toContainText(`access key …${s3.target.accessKeyId.slice(-4)}`);
  await shared.getByRole("button", { name: "Test connection" }).click();
  await expect(shared.getByRole("status")).toContainText("Listed, wrote and deleted a probe object");
  await shared.getByRole("button", { name: "Make default" }).click();
  await expect(shared).toContainText("Default");
  await expect(blob).not.toContainText("Default");

  // Editing shows the secret fields empty: credentials are write-only.
  await shared.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit datastore shared-s3" });
  await expect(edit.getByLabel("Secret access key")).toHaveValue("");
  await expect(edit.getByLabel("Access key ID")).toHaveValue("");
  await edit.getByLabel("Description").fill("Team bucket");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(shared).toContainText("Team bucket");

  const html = await page.content();
  expect(html).not.toContain(s3.target.secretAccessKey);
  expect(html).not.toContain(s3.target.accessKeyId);
  await screenshot(page, "datastores");

  // The REST API says the same, without credentials either.
  const listed = await request.get(`/api/v1/workspaces/${workspace.id}/datastores`, { headers: bearer(token) });
  const text = await listed.text();
  expect(text).toContain('"hasCredentials":true');
  expect(text).not.toContain(s3.target.secretAccessKey);
});
