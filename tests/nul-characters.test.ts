import { describe, expect, it } from "vitest";
import { db } from "../server/db";
import { ownerWorkspace } from "./helpers/actors";

// PostgreSQL text cannot hold U+0000; found by the REST fuzz run as 500s from the database.
describe("input holding the NUL character", () => {
  it("is refused as invalid input, naming the field, and nothing is written", async () => {
    const { workspaceId, owner } = await ownerWorkspace();
    const run = await owner.runs.create({ workspaceId, experimentName: "nul" });
    const update = owner.experiments.update({ workspaceId, experimentId: run.experimentId, description: "a\u0000b" });
    await expect(update).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("description: Must not contain the NUL character"),
    });
    expect((await db().experiment.findUniqueOrThrow({ where: { id: run.experimentId } })).description).toBe("");

    const create = owner.runs.create({ workspaceId, experimentName: "nul", tags: [{ key: "k", value: "\u0000" }] });
    await expect(create).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("tags.0.value"),
    });
    expect(await db().run.count({ where: { workspaceId } })).toBe(1);
  });

  it("in an object key, is refused too", async () => {
    const { workspaceId, owner } = await ownerWorkspace();
    const create = owner.runs.create({ workspaceId, experimentName: "nul", git: { ["repo\u0000"]: "x" } as never });
    await expect(create).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
