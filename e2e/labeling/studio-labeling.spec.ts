import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { solidPng } from "../../tests/helpers/png";
import { bearer, screenshot, signIn, signOut, tokenFor } from "../fixtures/api";

type TRestItem = { id: string; key: string; status: string };
type TRestDetail = {
  annotations: {
    email: string;
    state: string;
    result: { boxes?: Box[]; spans?: Span[]; polygons?: { label: string; points: [number, number][] }[] } | null;
    skipReason: string | null;
  }[];
};
type Box = { label: string; x: number; y: number; width: number; height: number };
type Span = { label: string; start: number; end: number };

/** A data version through the public upload API: an upload, each file's bytes, the commit. */
async function uploadData(
  request: APIRequestContext,
  token: string,
  workspaceId: string,
  name: string,
  files: Record<string, Buffer>,
) {
  const base = `/api/v1/workspaces/${workspaceId}/data/uploads`;
  const created = await request.post(base, {
    headers: bearer(token),
    data: { name, files: Object.entries(files).map(([path, body]) => ({ path, size: body.length })) },
  });
  expect(created.status(), await created.text()).toBe(200);
  const upload = (await created.json()) as { uploadId: string; files: { index: number; path: string }[] };
  for (const file of upload.files) {
    const put = await request.put(`${base}/${upload.uploadId}/files/${file.index}?offset=0`, {
      headers: { ...bearer(token), "content-type": "application/octet-stream" },
      data: files[file.path]!,
    });
    expect(put.status(), await put.text()).toBe(200);
  }
  const commit = await request.post(`${base}/${upload.uploadId}/commit`, { headers: bearer(token), data: {} });
  expect(commit.status(), await commit.text()).toBe(200);
}

async function createProject(request: APIRequestContext, token: string, workspaceId: string, body: object) {
  const created = await request.post(`/api/v1/workspaces/${workspaceId}/labeling`, {
    headers: bearer(token),
    data: body,
  });
  expect(created.status(), await created.text()).toBe(200);
}

/** Everyone's labels on an item, read back through REST, to check what the page really submitted. */
async function labelsOf(request: APIRequestContext, token: string, workspaceId: string, project: string, key: string) {
  const base = `/api/v1/workspaces/${workspaceId}/labeling/${project}/items`;
  const list = (await (await request.get(base, { headers: bearer(token) })).json()) as { items: TRestItem[] };
  const item = list.items.find((i) => i.key === key)!;
  return (await (await request.get(`${base}/${item.id}`, { headers: bearer(token) })).json()) as TRestDetail;
}

/** Drags across the image between two points given as fractions of its width and height. */
async function drawBox(page: Page, from: [number, number], to: [number, number]) {
  const area = (await page.getByTestId("region-overlay").boundingBox())!;
  await page.mouse.move(area.x + area.width * from[0], area.y + area.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * to[0], area.y + area.height * to[1], { steps: 6 });
  await page.mouse.up();
}

/** Selects characters [start, end) of the text with a mouse drag, the way a person would. */
async function dragSelect(page: Page, start: number, end: number) {
  const points = await page.getByTestId("label-text").evaluate(
    (root, [s, e]) => {
      const at = (offset: number, side: "left" | "right") => {
        const holder = [...root.querySelectorAll<HTMLElement>("[data-start]")].findLast(
          (el) => Number(el.dataset.start) <= offset - (side === "right" ? 1 : 0),
        )!;
        const node = holder.firstChild!;
        const local = offset - Number(holder.dataset.start);
        const range = document.createRange();
        range.setStart(node, side === "left" ? local : local - 1);
        range.setEnd(node, side === "left" ? local + 1 : local);
        const rect = range.getBoundingClientRect();
        return { x: side === "left" ? rect.left + 1 : rect.right - 1, y: rect.top + rect.height / 2 };
      };
      return [at(s!, "left"), at(e!, "right")];
    },
    [start, end],
  );
  await page.mouse.move(points[0]!.x, points[0]!.y);
  await page.mouse.down();
  await page.mouse.move(points[1]!.x, points[1]!.y, { steps: 5 });
  await page.mouse.up();
}

test("label images with a box, keys and undo, skip one, review them, and label entities in text", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const workspace = (await (
    await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name: `labeling-${Date.now()}` } })
  ).json()) as { id: string };
  const ws = workspace.id;
  await uploadData(request, token, ws, "street", {
    "1.png": solidPng(64, 48, [90, 120, 160]),
    "2.png": solidPng(64, 48, [160, 120, 90]),
    "3.png": solidPng(64, 48, [90, 160, 120]),
  });
  await createProject(request, token, ws, {
    name: "street-boxes",
    taskType: "objectDetection",
    labels: [{ name: "car" }, { name: "person" }],
    data: "street:1",
    instructions: "Draw a **tight** box around every car and person.",
  });

  // A reviewer with a password of their own, added through an invitation.
  const reviewerEmail = `reviewer-${Date.now()}@e2e.test`;
  const reviewerPassword = "reviewer-password-1";
  const invite = await request.post(`/api/v1/workspaces/${ws}/invitations`, {
    headers: bearer(token),
    data: { email: reviewerEmail, role: "Contributor" },
  });
  const { inviteUrl } = (await invite.json()) as { inviteUrl: string };
  const accepted = await request.post(`/api/v1/invitations/${inviteUrl.split("/invite/")[1]}/accept`, {
    data: { name: "Rosa Reviewer", password: reviewerPassword },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);

  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}/labeling/street-boxes/label`);
  await expect(page.getByTestId("item-key")).toHaveText("1.png");
  await expect(page.getByTestId("progress-line")).toContainText("0 of 3 done");
  await expect(page.getByRole("region", { name: "Labels" })).toContainText("person");
  await expect(page.getByTestId("markdown")).toContainText("Draw a tight box");
  await screenshot(page, "labeling-01-first-image");

  // A box drawn with the rectangle tool in "car", relabelled "person" with its key.
  await page.keyboard.press("r");
  await drawBox(page, [0.25, 0.25], [0.75, 0.75]);
  const regions = page.getByTestId("regions-list");
  await expect(regions).toContainText("car");
  await expect(page.locator('[data-region="box"][data-label="car"]')).toHaveCount(1);
  await page.keyboard.press("2");
  await expect(regions).toContainText("person");
  await expect(page.locator('[data-region="box"][data-label="person"]')).toHaveCount(1);
  await screenshot(page, "labeling-02-box-relabelled");
  await page.keyboard.press("Control+z");
  await expect(regions).toContainText("car");
  await page.keyboard.press("Control+Shift+z");
  await expect(regions).toContainText("person");

  // Submit: the prefetched next image is on screen at once.
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("item-key")).toHaveText("2.png");
  await expect(page.getByRole("region", { name: "Regions" })).toContainText("Regions (0)");
  const first = await labelsOf(request, token, ws, "street-boxes", "1.png");
  const box = first.annotations[0]!.result!.boxes![0]!;
  expect(box.label).toBe("person");
  // Natural pixels of the 64×48 image: about its middle half.
  expect(box.x).toBeGreaterThan(12);
  expect(box.x).toBeLessThan(20);
  expect(box.width).toBeGreaterThan(28);
  expect(box.width).toBeLessThan(36);
  expect(box.y + box.height).toBeLessThanOrEqual(48);

  // The second: a box that runs off the image is clamped to it.
  await page.keyboard.press("1");
  await drawBox(page, [0.5, 0.1], [1.3, 0.6]);
  await expect(page.locator('[data-region="box"][data-label="car"]')).toHaveCount(1);
  await screenshot(page, "labeling-03-second-image");
  await page.getByRole("button", { name: /^Submit/ }).click();
  await expect(page.getByTestId("item-key")).toHaveText("3.png");
  const second = (await labelsOf(request, token, ws, "street-boxes", "2.png")).annotations[0]!.result!.boxes![0]!;
  expect(second.x + second.width).toBeLessThanOrEqual(64);

  // The third is skipped with a reason.
  await page.getByRole("button", { name: "Skip", exact: true }).click();
  await page.getByLabel("Reason").fill("Nothing on it to label");
  await screenshot(page, "labeling-04-skip");
  await page.getByRole("button", { name: "Skip item" }).click();
  await expect(page.getByText("Nothing left for you in this project")).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the project" })).toHaveAttribute(
    "href",
    `/w/${ws}/labeling/street-boxes`,
  );
  await expect(page.getByTestId("progress-line")).toContainText("2 to review");
  await screenshot(page, "labeling-05-nothing-left");
  expect((await labelsOf(request, token, ws, "street-boxes", "3.png")).annotations[0]).toMatchObject({
    state: "skipped",
    skipReason: "Nothing on it to label",
  });

  // The reviewer rejects the first with a comment and accepts the second.
  await signOut(page);
  await signIn(page, reviewerEmail, reviewerPassword);
  await page.goto(`/w/${ws}/labeling/street-boxes/review`);
  await expect(page.getByTestId("item-key")).toHaveText("1.png");
  await expect(page.getByTestId("labeler")).toContainText(E2E_ADMIN.email);
  await expect(page.locator('[data-region="box"][data-label="person"]')).toHaveCount(1);
  await page.getByLabel("Comment for the labeler").fill("The person box is far too loose");
  await screenshot(page, "labeling-06-review-reject");
  await page.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByTestId("item-key")).toHaveText("2.png");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByText("Nothing waiting for review")).toBeVisible();
  await screenshot(page, "labeling-07-review-done");

  // Back to the labeler: the rejected image with the comment and the earlier box to correct.
  await signOut(page);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}/labeling/street-boxes/label`);
  await expect(page.getByTestId("rejected-banner")).toContainText("The person box is far too loose");
  await expect(page.getByTestId("item-key")).toHaveText("1.png");
  await expect(page.getByTestId("regions-list")).toContainText("person");
  await screenshot(page, "labeling-08-rejected-banner");

  // Entities in JSONL rows: one span by keyboard, one by mouse, an overlap refused.
  await uploadData(request, token, ws, "news", {
    "rows.jsonl": Buffer.from('{"text": "Ada Lovelace met Babbage in London"}\n{"text": "Paris is big"}\n'),
  });
  await createProject(request, token, ws, {
    name: "news-ner",
    taskType: "textEntities",
    labels: [{ name: "PER" }, { name: "LOC" }],
    data: "news:1",
  });
  await page.goto(`/w/${ws}/labeling/news-ner/label`);
  const text = page.getByTestId("label-text");
  await expect(text).toHaveText("Ada Lovelace met Babbage in London");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Shift+Alt+ArrowRight");
  await page.keyboard.press("Shift+Alt+ArrowRight");
  await screenshot(page, "labeling-09-keyboard-selection");
  await page.keyboard.press("1");
  await expect(page.getByTestId("span-tag")).toHaveText(["PER"]);
  await dragSelect(page, 28, 34);
  await page.keyboard.press("2");
  await expect(page.getByTestId("span-tag")).toHaveText(["PER", "LOC"]);
  await expect(page.getByTestId("regions-list")).toContainText("“London”");
  await dragSelect(page, 4, 16);
  await page.keyboard.press("2");
  await expect(page.getByText(/overlaps “Ada Lovelace” \(PER\)/)).toBeVisible();
  await screenshot(page, "labeling-10-entities");
  await page.keyboard.press("Control+Enter");
  await expect(text).toHaveText("Paris is big");
  const spans = (await labelsOf(request, token, ws, "news-ner", "rows.jsonl#1")).annotations[0]!.result!.spans;
  expect(spans).toEqual([
    { label: "PER", start: 0, end: 12 },
    { label: "LOC", start: 28, end: 34 },
  ]);
  await screenshot(page, "labeling-11-next-text");
});

test("draw a polygon by clicking its corners, drag a vertex, undo, and submit it in natural pixels", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const token = await tokenFor(request, E2E_ADMIN.email, E2E_ADMIN.password);
  const workspace = (await (
    await request.post("/api/v1/workspaces", { headers: bearer(token), data: { name: `polygons-${Date.now()}` } })
  ).json()) as { id: string };
  const ws = workspace.id;
  await uploadData(request, token, ws, "fields", { "field.png": solidPng(100, 50, [60, 140, 60]) });
  await createProject(request, token, ws, {
    name: "field-shapes",
    taskType: "instanceSegmentation",
    labels: [{ name: "tree" }, { name: "pond" }],
    data: "fields:1",
  });
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/w/${ws}/labeling/field-shapes/label`);
  await expect(page.getByTestId("item-key")).toHaveText("field.png");
  await page.keyboard.press("p");
  await expect(page.getByRole("button", { name: /^Polygon/ })).toHaveAttribute("aria-pressed", "true");

  const area = (await page.getByTestId("region-overlay").boundingBox())!;
  const at = (x: number, y: number) => [area.x + (area.width * x) / 100, area.y + (area.height * y) / 50] as const;
  await page.keyboard.press("2");
  for (const [x, y] of [
    [10, 10],
    [40, 10],
    [40, 40],
  ])
    await page.mouse.click(...at(x!, y!));
  await expect(page.getByTestId("polygon-draft")).toBeVisible();
  // Clicking the first corner again closes the shape.
  await page.mouse.click(...at(10, 10));
  await expect(page.locator('[data-region="polygon"][data-label="pond"]')).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Regions" })).toContainText("polygon, 3 points");

  // A second one closed with Enter, then removed with backspace; Esc drops a half-drawn one. The new
  // pond is still selected, so Esc first: a label key would relabel it.
  await page.keyboard.press("Escape");
  await page.keyboard.press("1");
  await expect(page.locator('[data-region="polygon"][data-label="pond"]')).toHaveCount(1);
  for (const [x, y] of [
    [60, 10],
    [90, 10],
    [90, 40],
    [60, 40],
  ])
    await page.mouse.click(...at(x!, y!));
  await page.keyboard.press("Enter");
  await expect(page.locator('[data-region="polygon"]')).toHaveCount(2);
  await page.keyboard.press("Backspace");
  await expect(page.locator('[data-region="polygon"]')).toHaveCount(1);
  await page.mouse.click(...at(70, 20));
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("polygon-draft")).toHaveCount(0);

  // In select mode, the pond's third corner is dragged down; undo puts it back, redo again.
  await page.keyboard.press("v");
  await page.mouse.click(...at(30, 15));
  await expect(page.getByTestId("polygon-vertex")).toHaveCount(3);
  await page.mouse.move(...at(40, 40));
  await page.mouse.down();
  await page.mouse.move(...at(45, 48), { steps: 5 });
  await page.mouse.up();
  await screenshot(page, "labeling-12-polygon-edited");
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+y");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByText("Nothing left for you in this project")).toBeVisible();

  const [polygon] = (await labelsOf(request, token, ws, "field-shapes", "field.png")).annotations[0]!.result!.polygons!;
  expect(polygon!.label).toBe("pond");
  expect(polygon!.points).toHaveLength(3);
  const [, , moved] = polygon!.points;
  expect(moved![0]).toBeGreaterThan(43);
  expect(moved![0]).toBeLessThan(47);
  expect(moved![1]).toBeGreaterThan(46);
  expect(moved![1]).toBeLessThanOrEqual(50);
});
