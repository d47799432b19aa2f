import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { solidPng } from "../../tests/helpers/png";
import { bearer, screenshot, signIn, signOut, tokenFor } from "../fixtures/api";
import { runCli } from "../fixtures/cli";

async function defaultWorkspace(request: APIRequestContext, token: string): Promise<string> {
  const list = (await (await request.get("/api/v1/workspaces", { headers: bearer(token) })).json()) as {
    id: string;
    name: string;
  }[];
  return list.find((w) => w.name === "default")!.id;
}

type TItem = { id: string; key: string; width: number; height: number } | null;
type TReview = { item: { annotation: { id: string } } } | null;

// A project is created in the studio from an image folder; labels arrive through the API from one
// person and are reviewed by another; the dashboard charts them, an item shows its history, the
// studio, the CLI and REST export them, and a Reader sees progress only.
test("labeling projects: create from an image folder, dashboard, item history, export from studio, CLI and REST", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const ws = await defaultWorkspace(request, token);
  const home = mkdtempSync(path.join(tmpdir(), "crucible-labeling-"));
  const env = { HOME: home, CRUCIBLE_URL: baseURL!, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: "default" };
  const stamp = Date.now();
  const data = `street-${stamp}`;
  const project = `signs-${stamp}`;
  const api = `/api/v1/workspaces/${ws}`;

  mkdirSync(path.join(home, "street"));
  writeFileSync(path.join(home, "street", "one.png"), solidPng(120, 80, [200, 60, 60]));
  writeFileSync(path.join(home, "street", "two.png"), solidPng(100, 100, [60, 200, 60]));
  writeFileSync(path.join(home, "street", "three.png"), solidPng(80, 120, [60, 60, 200]));
  const created = await runCli(["data", "create", "--name", data, "--path", "street"], env, home);
  expect(created.code, created.stderr).toBe(0);

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}/labeling`);
  const form = page.getByRole("form", { name: "Create labeling project" });
  await form.getByLabel("Project name").fill(project);
  await form.getByLabel("Data asset").selectOption(data);
  await form.getByLabel("Task").selectOption("objectDetection");
  await form.getByLabel("Labels", { exact: true }).fill("car #dc2626\nperson #2563eb key:q");
  await form.getByLabel("Instructions (Markdown)").fill("Draw a **tight** box around every car and person.");
  await screenshot(page, "labeling-create-form");
  await form.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { name: project, level: 1 })).toBeVisible();
  await expect(page.getByText(`3 items from ${data}:1`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Start labeling" })).toBeVisible();
  await screenshot(page, "labeling-project-new");

  // The admin labels all three through the API; a reviewer accepts two and rejects one.
  const base = `${api}/labeling/${project}`;
  for (let i = 0; i < 3; i++) {
    const item = (await (await request.post(`${base}/next`, { headers: bearer(token), data: {} })).json()) as TItem;
    expect(item).not.toBeNull();
    const box = { label: i === 2 ? "person" : "car", x: 5, y: 5, width: item!.width / 2, height: item!.height / 2 };
    const submitted = await request.post(`${base}/submit`, {
      headers: bearer(token),
      data: { itemId: item!.id, result: { boxes: [box] } },
    });
    expect(submitted.status(), await submitted.text()).toBe(200);
  }
  const reviewerEmail = `labeling-reviewer-${stamp}@e2e.test`;
  const invite = await (
    await request.post(`${api}/invitations`, {
      headers: bearer(token),
      data: { email: reviewerEmail, role: "Contributor" },
    })
  ).json();
  expect(
    (
      await request.post(`/api/v1/invitations/${invite.inviteUrl.split("/invite/")[1]}/accept`, {
        data: { name: "Label Reviewer", password: "reviewer-password" },
      })
    ).status(),
  ).toBe(200);
  const reviewerToken = await tokenFor(request, reviewerEmail, "reviewer-password");
  for (const decision of ["accept", "accept", "reject"] as const) {
    const next = (await (
      await request.post(`${base}/review/next`, { headers: bearer(reviewerToken), data: {} })
    ).json()) as TReview;
    const reviewed = await request.post(`${base}/review`, {
      headers: bearer(reviewerToken),
      data: {
        annotationId: next!.item.annotation.id,
        decision,
        comment: decision === "reject" ? "Box too loose" : undefined,
      },
    });
    expect(reviewed.status(), await reviewed.text()).toBe(200);
  }

  await page.reload();
  const dashboard = page.getByRole("tabpanel", { name: "Dashboard" });
  await expect(dashboard.getByText("2 of 3 items done")).toBeVisible();
  await expect(dashboard.getByRole("img", { name: "Items by status" })).toBeVisible();
  await expect(dashboard.getByRole("img", { name: "Label distribution" })).toBeVisible();
  await expect(dashboard.getByRole("table", { name: "People" })).toContainText(E2E_ADMIN.email);
  await screenshot(page, "labeling-dashboard");

  await page.getByRole("tab", { name: "Items" }).click();
  await page.getByLabel("Status").selectOption("inProgress");
  await expect(page.getByRole("table", { name: "Items" }).getByRole("row")).toHaveCount(2);
  await page.getByRole("table", { name: "Items" }).getByRole("button").first().click();
  const history = page.getByRole("list", { name: "Item history" });
  await expect(history).toContainText("reject · Box too loose");
  await expect(history).toContainText("submit · 1 box");
  // The image streams from the datastore through the project's media route.
  const image = page.getByRole("img", { name: "two.png" });
  await expect.poll(() => image.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(100);
  await screenshot(page, "labeling-item-history");

  await page.getByRole("tab", { name: "Export" }).click();
  const exportForm = page.getByRole("form", { name: "Export labels" });
  await exportForm.getByLabel("Format").selectOption("coco");
  await exportForm.getByRole("button", { name: "Export" }).click();
  await expect(
    page.getByRole("list", { name: "Exports" }).getByRole("link", { name: `${project}-labels:1` }),
  ).toBeVisible();
  await expect(page.getByRole("list", { name: "Exports" })).toContainText("2 / 2 items · done");
  await screenshot(page, "labeling-export");

  const cli = await runCli(
    ["labeling", "export", "--project", project, "--format", "jsonl", "--output-name", `${project}-jsonl`],
    env,
    home,
  );
  expect(cli.code, cli.stderr).toBe(0);
  expect(cli.stdout).toContain(`Exported 2 items as jsonl: data asset ${project}-jsonl:1`);
  const exports = (await (await request.get(`${base}/exports`, { headers: bearer(token) })).json()) as {
    format: string;
  }[];
  expect(exports.map((e) => e.format).sort()).toEqual(["coco", "jsonl"]);
  const coco = await request.get(`${api}/data/${project}-labels/versions/1/download`, { headers: bearer(token) });
  expect(coco.status()).toBe(200);
  const parsed = JSON.parse(await coco.text()) as { images: unknown[]; annotations: { bbox: number[] }[] };
  expect(parsed.images).toHaveLength(2);
  expect(parsed.annotations).toHaveLength(2);

  // A Reader sees progress and exports, not items' labels, settings or a way to label.
  const readerEmail = `labeling-reader-${stamp}@e2e.test`;
  const readerInvite = await (
    await request.post(`${api}/invitations`, { headers: bearer(token), data: { email: readerEmail, role: "Reader" } })
  ).json();
  await request.post(`/api/v1/invitations/${readerInvite.inviteUrl.split("/invite/")[1]}/accept`, {
    data: { name: "Label Reader", password: "reader-password" },
  });
  await signOut(page);
  await signIn(page, readerEmail, "reader-password");
  await page.goto(`/w/${ws}/labeling/${project}`);
  await expect(page.getByRole("tabpanel", { name: "Dashboard" }).getByText("2 of 3 items done")).toBeVisible();
  await expect(page.getByRole("tab")).toHaveText(["Dashboard", "Export"]);
  await expect(page.getByRole("link", { name: "Start labeling" })).toHaveCount(0);
  await screenshot(page, "labeling-reader");
});
