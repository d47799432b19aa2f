import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { bearer, screenshot, signIn, tokenFor } from "../fixtures/api";

// An 8×8 PNG in one colour, so thumbnails show as squares.
function png(r: number, g: number, b: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header[8] = 8;
  header[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: 8 }, () => [r, g, b]).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(Array.from({ length: 8 }, () => row)))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

test("upload a folder with progress, resume it after a reload, preview images, a table and its profile", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const workspace = await (
    await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name: `data-ui-${Date.now()}` } })
  ).json();
  const root = mkdtempSync(path.join(tmpdir(), "crucible-data-ui-"));
  const folder = path.join(root, "pets");
  mkdirSync(path.join(folder, "img"), { recursive: true });
  for (let i = 0; i < 12; i++) writeFileSync(path.join(folder, "img", `${i}.png`), png(20 * i, 200 - 10 * i, 120));
  // Large enough for three chunks, so the upload is seen under way and cut off halfway.
  writeFileSync(path.join(folder, "big.bin"), Buffer.alloc(20 * 1024 * 1024, 7));
  writeFileSync(path.join(folder, "notes.json"), '{"species":["cat","dog"],"count":12}');
  const csv = path.join(root, "scores.csv");
  const lines = ["id,score,group"];
  for (let i = 0; i < 500; i++)
    lines.push(`${i},${i % 7 === 0 ? "" : ((i * 37) % 100) / 10},${["a", "b", "c"][i % 3]}`);
  writeFileSync(csv, `${lines.join("\n")}\n`);

  // Chunks take a moment each, as on a real network: the progress can be seen and interrupted.
  await page.route("**/data/uploads/*/files/*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${workspace.id}/data`);
  await expect(page.getByRole("heading", { name: "Data", exact: true })).toBeVisible();
  await expect(page.getByText("No data assets yet.")).toBeVisible();
  await page.getByRole("link", { name: "Create data asset" }).click();

  await page.getByLabel("Choose a folder").setInputFiles(folder);
  await expect(page.getByTestId("picked-summary")).toContainText("14 file(s)");
  await page.getByLabel("Name").fill("pets");
  await expect(page.getByLabel("Type")).toHaveValue("uri_folder");
  const firstChunk = page.waitForResponse((r) => /\/files\/0\?offset=0$/.test(r.url()));
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("progressbar", { name: "Total upload progress" })).toBeVisible();
  await firstChunk;
  await expect(page.getByTestId("upload-total")).toContainText(/\(\d+%\)/);
  await screenshot(page, "data-01-upload-progress");

  // A reload halfway: the browser remembers the session and the studio what it received.
  await page.reload();
  await expect(page.getByText("Unfinished upload(s)")).toContainText("pets (14 file(s)");
  await page.getByLabel("Choose a folder").setInputFiles(folder);
  await page.getByLabel("Name").fill("pets");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText(/Resumed: .* were already received/)).toBeVisible();
  await page.waitForURL(/\/data\/pets\/versions\/1\?/);
  await expect(page.getByText(/Uploaded pets:1: .* new, .* already stored/)).toBeVisible();

  const images = page.getByRole("list", { name: "Images" });
  await expect(images.getByRole("img")).toHaveCount(12);
  await expect(images.getByRole("img").first()).toHaveJSProperty("naturalWidth", 8);
  await page.getByRole("button", { name: "Preview notes.json" }).click();
  await expect(page.getByTestId("text-preview")).toContainText('"species": [');
  await screenshot(page, "data-02-folder-version");

  // A table from one CSV file, then its preview and profile.
  await page.goto(`/w/${workspace.id}/data/new`);
  await page.getByLabel("Choose files").setInputFiles(csv);
  await page.getByLabel("Name").fill("scores");
  await page.getByLabel("Type").selectOption("table");
  await page.getByLabel("Tags").fill("stage=raw");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await page.waitForURL(/\/data\/scores\/versions\/1\?/);
  const grid = page.getByRole("grid", { name: "Table preview" });
  await expect(grid.getByRole("columnheader", { name: /score/ })).toContainText("float");
  await expect(grid.getByRole("row").nth(1)).toContainText("0");
  await expect(page.getByText("100 row(s) shown; more follow")).toBeVisible();
  await page.getByRole("button", { name: "Profile", exact: true }).click();
  await expect(page.getByRole("img", { name: "Histogram of score" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("article", { name: "Column score" })).toContainText("Missing");
  await expect(page.getByRole("img", { name: "Top values of group" })).toBeVisible();
  await screenshot(page, "data-03-table-profile");

  await page.goto(`/w/${workspace.id}/data`);
  await expect(page.getByRole("table", { name: "Data assets" })).toContainText("scores");
  await page.getByLabel("Search data assets").fill("pet");
  await expect(page.getByRole("table", { name: "Data assets" })).not.toContainText("scores");
  await screenshot(page, "data-04-list");
  await page.getByRole("link", { name: "pets" }).click();
  await expect(page.getByRole("table", { name: "Versions" })).toContainText("pets:1");
  await page.getByRole("button", { name: "Archive pets:1" }).click();
  await expect(page.getByRole("table", { name: "Versions" })).toContainText("archived");
  await screenshot(page, "data-05-asset");
});
