import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as mediaGet } from "../app/api/v1/workspaces/[workspaceId]/labeling/[project]/items/[itemId]/media/route";
import { db } from "../server/db";
import { ROLE_TEMPLATES } from "../server/rbac/role-templates";
import { openDataFile } from "../server/services/data/open-data-file";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { callerFor, createUser, ownerWorkspace } from "./helpers/actors";
import { uploadDataVersion } from "./helpers/data-upload";
import { solidPng } from "./helpers/png";
import { waitFor } from "./helpers/wait-for";

type TCaller = ReturnType<typeof callerFor>;

let owner: TCaller;
let workspaceId: string;

async function member(label: string, role: "Contributor" | "DataScientist" | "Reader" = "DataScientist") {
  const user = await createUser(label);
  await db().membership.create({ data: { workspaceId, userId: user.id, role } });
  return { user, caller: callerFor(user) };
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a failure");
}

async function readExport(ref: string, path: string): Promise<string> {
  const file = await openDataFile(workspaceId, ref, path);
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

beforeAll(async () => {
  const setup = await ownerWorkspace();
  owner = setup.owner;
  workspaceId = setup.workspaceId;
  await uploadDataVersion(
    owner,
    workspaceId,
    { name: "pets" },
    {
      "a.png": solidPng(40, 30),
      "b.png": solidPng(64, 48, [10, 200, 10]),
      "c.png": solidPng(20, 20),
      "not-really.png": "this is text, not an image",
      "notes.txt": "ignored by an image project",
    },
  );
});

describe("labeling projects", () => {
  it("takes a folder's images as items, hands each to one labeler at a time, and passes by broken images", async () => {
    await owner.labeling.create({
      workspaceId,
      name: "pets-cls",
      taskType: "imageClassification",
      labels: [{ name: "cat" }, { name: "dog" }],
      data: "pets:1",
    });
    const project = await owner.labeling.byName({ workspaceId, name: "pets-cls" });
    expect(project.counts.total).toBe(4);
    expect(project.labels.map((l) => l.hotkey)).toEqual(["1", "2"]);

    // Six people ask at once for four items, one of them broken: three get an item each, all different.
    const people = await Promise.all(["p1", "p2", "p3", "p4", "p5", "p6"].map((l) => member(l)));
    const handed = await Promise.all(people.map((p) => p.caller.labeling.next({ workspaceId, name: "pets-cls" })));
    const keys = handed.filter((h) => h !== null).map((h) => h!.key);
    expect(keys.sort()).toEqual(["a.png", "b.png", "c.png"]);
    expect(handed.find((h) => h?.key === "b.png")).toMatchObject({ width: 64, height: 48, kind: "image" });

    const items = await owner.labeling.items({ workspaceId, name: "pets-cls" });
    const broken = items.items.find((i) => i.key === "not-really.png")!;
    expect(broken).toMatchObject({ status: "broken", error: expect.stringContaining("Not a PNG") });

    // Asking again gives the same person the same item (their lease), not a new one.
    const holder = people[handed.findIndex((h) => h !== null)]!;
    const again = await holder.caller.labeling.next({ workspaceId, name: "pets-cls" });
    expect(again!.id).toBe(handed.find((h) => h !== null)!.id);
  });

  it("checks labels, keeps every submission, and sends rejected items back to their labeler with the comment", async () => {
    await owner.labeling.create({
      workspaceId,
      name: "review-flow",
      taskType: "imageClassification",
      labels: [{ name: "cat" }, { name: "dog" }],
      data: "pets:1",
    });
    const labeler = await member("labeler");
    const reviewer = await member("reviewer", "Contributor");
    const item = (await labeler.caller.labeling.next({ workspaceId, name: "review-flow" }))!;

    expect(
      await failure(
        labeler.caller.labeling.submit({
          workspaceId,
          name: "review-flow",
          itemId: item.id,
          result: { labels: ["bird"] },
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("'bird' is not a label") });
    expect(
      await failure(
        labeler.caller.labeling.submit({
          workspaceId,
          name: "review-flow",
          itemId: item.id,
          result: { labels: ["cat", "dog"] },
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("one label per item") });

    const submitted = await labeler.caller.labeling.submit({
      workspaceId,
      name: "review-flow",
      itemId: item.id,
      result: { labels: ["cat"] },
      revision: item.annotation!.revision,
    });
    expect(submitted.state).toBe("submitted");

    // The labeler cannot review their own labels; the reviewer rejects with a comment.
    const queued = (await reviewer.caller.labeling.nextReview({ workspaceId, name: "review-flow" }))!;
    expect(queued.item.id).toBe(item.id);
    expect(queued.labeler.email).toBe(labeler.user.email);
    expect(
      await failure(
        labeler.caller.labeling.review({
          workspaceId,
          name: "review-flow",
          annotationId: submitted.id,
          decision: "accept",
        }),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
    expect(
      await failure(
        reviewer.caller.labeling.review({
          workspaceId,
          name: "review-flow",
          annotationId: submitted.id,
          decision: "reject",
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("comment") });
    await reviewer.caller.labeling.review({
      workspaceId,
      name: "review-flow",
      annotationId: submitted.id,
      decision: "reject",
      comment: "That is a dog",
    });

    const back = (await labeler.caller.labeling.next({ workspaceId, name: "review-flow" }))!;
    expect(back.id).toBe(item.id);
    expect(back.annotation).toMatchObject({
      state: "rejected",
      reviewComment: "That is a dog",
      result: { labels: ["cat"] },
    });
    await labeler.caller.labeling.submit({
      workspaceId,
      name: "review-flow",
      itemId: item.id,
      result: { labels: ["dog"] },
    });
    const resubmitted = (await reviewer.caller.labeling.nextReview({ workspaceId, name: "review-flow" }))!;
    await reviewer.caller.labeling.review({
      workspaceId,
      name: "review-flow",
      annotationId: resubmitted.item.annotation!.id,
      decision: "accept",
      revision: resubmitted.item.annotation!.revision,
    });

    const detail = await owner.labeling.item({ workspaceId, name: "review-flow", itemId: item.id });
    expect(detail.item.status).toBe("done");
    expect(detail.history.map((h) => [h.kind, h.result?.labels ?? h.comment])).toEqual([
      ["submit", ["cat"]],
      ["reject", "That is a dog"],
      ["submit", ["dog"]],
      ["accept", null],
    ]);
  });

  it("refuses a late submission once the expired lease's place went to someone else, and keeps what was typed", async () => {
    await owner.labeling.create({
      workspaceId,
      name: "leases",
      taskType: "imageClassification",
      labels: [{ name: "cat" }],
      data: "pets:1",
    });
    const slow = await member("slow");
    const quick = await member("quick");
    const held = (await slow.caller.labeling.next({ workspaceId, name: "leases" }))!;
    await db().labelingAnnotation.updateMany({
      where: { itemId: held.id },
      data: { leaseExpiresAt: new Date(Date.now() - 1000) },
    });
    const taken = (await quick.caller.labeling.next({ workspaceId, name: "leases" }))!;
    expect(taken.id).toBe(held.id);
    expect(
      await failure(
        slow.caller.labeling.submit({ workspaceId, name: "leases", itemId: held.id, result: { labels: ["cat"] } }),
      ),
    ).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("someone else has it now") });
    const kept = await db().labelingEvent.findFirst({ where: { itemId: held.id, userId: slow.user.id } });
    expect(kept).toMatchObject({ kind: "refused", result: { labels: ["cat"] } });
  });

  it("computes agreement over overlapping labels and exports the consensus of accepted ones", async () => {
    await owner.labeling.create({
      workspaceId,
      name: "overlap",
      taskType: "imageClassification",
      labels: [{ name: "cat" }, { name: "dog" }],
      overlap: 3,
      data: "pets:1",
    });
    const [x, y, z] = await Promise.all(["x", "y", "z"].map((l) => member(l)));
    const reviewer = await member("rev", "Contributor");
    const answers: Record<string, string[]> = {
      x: ["cat", "cat", "dog"],
      y: ["cat", "dog", "dog"],
      z: ["dog", "dog", "dog"],
    };
    for (const [label, person] of [
      ["x", x!],
      ["y", y!],
      ["z", z!],
    ] as const) {
      for (let i = 0; i < 3; i++) {
        const item = (await person.caller.labeling.next({ workspaceId, name: "overlap" }))!;
        const index = ["a.png", "b.png", "c.png"].indexOf(item.key);
        await person.caller.labeling.submit({
          workspaceId,
          name: "overlap",
          itemId: item.id,
          result: { labels: [answers[label]![index]!] },
        });
      }
    }
    // a: cat, cat, dog (1 of 3 pairs agree); b: cat, dog, dog (1/3); c: dog ×3 (1).
    const dashboard = await owner.labeling.dashboard({ workspaceId, name: "overlap" });
    expect(dashboard.agreement.items).toBe(3);
    expect(dashboard.agreement.mean).toBeCloseTo((1 / 3 + 1 / 3 + 1) / 3);
    // x agrees in a (with y), c (with y and z): pairs of x: a 1,0; b 0,0; c 1,1 → 3/6.
    expect(dashboard.people.find((p) => p.email === x!.user.email)!.agreement).toBeCloseTo(3 / 6);
    expect(dashboard.labels).toEqual([
      expect.objectContaining({ name: "cat", count: 3 }),
      expect.objectContaining({ name: "dog", count: 6 }),
    ]);
    expect(dashboard.counts.needsReview).toBe(3);

    for (;;) {
      const next = await reviewer.caller.labeling.nextReview({ workspaceId, name: "overlap" });
      if (!next) break;
      await reviewer.caller.labeling.review({
        workspaceId,
        name: "overlap",
        annotationId: next.item.annotation!.id,
        decision: "accept",
      });
    }
    const started = await owner.labeling.export({ workspaceId, name: "overlap", format: "csv" });
    expect(started.total).toBe(3);
    await waitFor(
      "the export",
      async () => (await owner.labeling.exports({ workspaceId, name: "overlap" }))[0]!.status === "done",
    );
    const [done] = await owner.labeling.exports({ workspaceId, name: "overlap" });
    expect(done).toMatchObject({ assetName: "overlap-labels", dataVersion: 1, done: 3 });
    const csv = await readExport("overlap-labels:1", "labels.csv");
    expect(csv.trim().split("\n")).toEqual([
      "item,path,labels",
      "a.png,a.png,cat",
      "b.png,b.png,dog",
      "c.png,c.png,dog",
    ]);
  });

  it("keeps boxes inside the image and exports COCO that reads back", async () => {
    await owner.labeling.create({
      workspaceId,
      name: "boxes",
      taskType: "objectDetection",
      labels: [{ name: "car" }],
      data: "pets:1",
    });
    const labeler = await member("boxer");
    const reviewer = await member("boxrev", "Contributor");
    const item = (await labeler.caller.labeling.next({ workspaceId, name: "boxes" }))!;
    const outside = { boxes: [{ label: "car", x: 10, y: 10, width: item.width!, height: 5 }] };
    expect(
      await failure(labeler.caller.labeling.submit({ workspaceId, name: "boxes", itemId: item.id, result: outside })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining(`outside the ${item.width}×${item.height} image`),
    });
    const box = { label: "car", x: 2, y: 3, width: 10, height: 8 };
    const saved = await labeler.caller.labeling.submit({
      workspaceId,
      name: "boxes",
      itemId: item.id,
      result: { boxes: [box] },
    });
    await reviewer.caller.labeling.review({ workspaceId, name: "boxes", annotationId: saved.id, decision: "accept" });
    await owner.labeling.export({ workspaceId, name: "boxes", format: "coco", assetName: "boxes-coco" });
    await waitFor(
      "the export",
      async () => (await owner.labeling.exports({ workspaceId, name: "boxes" }))[0]!.status === "done",
    );
    const coco = JSON.parse(await readExport("boxes-coco:1", "annotations.json"));
    expect(coco.images).toEqual([{ id: 1, file_name: item.key, width: item.width, height: item.height }]);
    expect(coco.categories).toEqual([{ id: 1, name: "car", supercategory: "" }]);
    expect(coco.annotations).toEqual([
      { id: 1, image_id: 1, category_id: 1, bbox: [2, 3, 10, 8], area: 80, iscrowd: 0 },
    ]);
    expect(await failure(owner.labeling.export({ workspaceId, name: "boxes", format: "csv" }))).toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("labels entities in JSONL text rows, refusing overlapping spans, and exports the spans", async () => {
    await uploadDataVersion(
      owner,
      workspaceId,
      { name: "news" },
      {
        "rows.jsonl": '{"text": "Ada Lovelace met Babbage in London"}\n{"text": "Paris is big"}\n',
      },
    );
    await owner.labeling.create({
      workspaceId,
      name: "ner",
      taskType: "textEntities",
      labels: [{ name: "PER" }, { name: "LOC" }],
      data: "news@latest",
    });
    const labeler = await member("ner");
    const reviewer = await member("nerrev", "Contributor");
    const item = (await labeler.caller.labeling.next({ workspaceId, name: "ner" }))!;
    expect(item).toMatchObject({ key: "rows.jsonl#1", kind: "text", text: "Ada Lovelace met Babbage in London" });
    const overlapping = {
      spans: [
        { label: "PER", start: 0, end: 12 },
        { label: "PER", start: 4, end: 12 },
      ],
    };
    expect(
      await failure(labeler.caller.labeling.submit({ workspaceId, name: "ner", itemId: item.id, result: overlapping })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("overlap"),
    });
    const spans = [
      { label: "LOC", start: 28, end: 34 },
      { label: "PER", start: 0, end: 12 },
    ];
    const saved = await labeler.caller.labeling.submit({
      workspaceId,
      name: "ner",
      itemId: item.id,
      result: { spans },
    });
    expect(saved.result!.spans!.map((s) => s.start)).toEqual([0, 28]);
    await reviewer.caller.labeling.review({ workspaceId, name: "ner", annotationId: saved.id, decision: "accept" });
    await owner.labeling.export({ workspaceId, name: "ner", format: "jsonl" });
    await waitFor(
      "the export",
      async () => (await owner.labeling.exports({ workspaceId, name: "ner" }))[0]!.status === "done",
    );
    const lines = (await readExport("ner-labels:1", "labels.jsonl"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        item: "rows.jsonl#1",
        path: "rows.jsonl",
        text: "Ada Lovelace met Babbage in London",
        spans: [
          { label: "PER", start: 0, end: 12, text: "Ada Lovelace" },
          { label: "LOC", start: 28, end: 34, text: "London" },
        ],
      },
    ]);
  });

  it("adds only the new items of a newer data version", async () => {
    await uploadDataVersion(
      owner,
      workspaceId,
      { name: "reviews", type: "table" },
      {
        "reviews.csv": "id,text\n1,Great product\n2,Broke in a day\n",
      },
    );
    await owner.labeling.create({
      workspaceId,
      name: "sentiment",
      taskType: "textClassification",
      multiLabel: true,
      labels: [{ name: "positive" }, { name: "negative" }, { name: "quality" }],
      data: "reviews:1",
    });
    await uploadDataVersion(
      owner,
      workspaceId,
      { name: "reviews", type: "table" },
      {
        "reviews.csv": "id,text\n1,Great product\n2,Broke in a day\n3,Fine\n",
      },
    );
    expect(await owner.labeling.addData({ workspaceId, name: "sentiment", data: "reviews:2" })).toEqual({
      added: 1,
      total: 3,
    });
    expect(await owner.labeling.addData({ workspaceId, name: "sentiment", data: "reviews:2" })).toEqual({
      added: 0,
      total: 3,
    });
    expect(await failure(owner.labeling.addData({ workspaceId, name: "sentiment", data: "pets:1" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("labels 'reviews'"),
    });
    const project = await owner.labeling.byName({ workspaceId, name: "sentiment" });
    expect(project.sources.map((s) => [s.version, s.itemCount])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    const labeler = await member("senti");
    const item = (await labeler.caller.labeling.next({ workspaceId, name: "sentiment" }))!;
    expect(item.text).toBe("Great product");
    const saved = await labeler.caller.labeling.submit({
      workspaceId,
      name: "sentiment",
      itemId: item.id,
      result: { labels: ["positive", "quality"] },
    });
    expect(saved.result!.labels).toEqual(["positive", "quality"]);
  });

  it("lets a Labeler label what is handed to them and nothing else, and assigns items to a member", async () => {
    await owner.labeling.create({
      workspaceId,
      name: "team",
      taskType: "imageClassification",
      labels: [{ name: "cat" }],
      data: "pets:1",
    });
    const template = ROLE_TEMPLATES.find((t) => t.name === "Labeler")!;
    const role = await owner.roles.create({ workspaceId, name: template.name, actions: template.actions });
    const user = await createUser("only-labels");
    await db().membership.create({ data: { workspaceId, userId: user.id, customRoleId: role.id } });
    const labeler = callerFor(user);

    expect(await owner.labeling.assign({ workspaceId, name: "team", email: user.email, count: 2 })).toEqual({
      assigned: 2,
    });
    const first = (await labeler.labeling.next({ workspaceId, name: "team" }))!;
    expect(first.annotation!.state).toBe("assigned");
    expect((await failure(labeler.labeling.items({ workspaceId, name: "team" }))).code).toBe("FORBIDDEN");
    expect((await failure(labeler.labeling.export({ workspaceId, name: "team", format: "csv" }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await labeler.labeling.list({ workspaceId })).some((p) => p.name === "team")).toBe(true);

    // The image of an item handed to them streams; another item's does not.
    const { token } = await createApiToken(user.id, "labeling");
    const get = (itemId: string) =>
      mediaGet(new Request(`http://studio.test/x`, { headers: { authorization: `Bearer ${token}` } }), {
        params: Promise.resolve({ workspaceId, project: "team", itemId }),
      });
    const own = await get(first.id);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await own.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    const items = await owner.labeling.items({ workspaceId, name: "team" });
    const other = items.items.find((i) => i.annotations.length === 0)!;
    expect((await get(other.id)).status).toBe(403);
  });
});
