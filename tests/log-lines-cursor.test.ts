import { expect, it } from "vitest";
import { ownerWorkspace } from "./helpers/actors";

// A line's seq is a PostgreSQL integer; found by the REST fuzz run as a 500 from the database.
it("a log cursor past the largest line number is invalid input, the largest one an empty page", async () => {
  const { workspaceId, owner } = await ownerWorkspace();
  const run = await owner.runs.create({ workspaceId, experimentName: "logs" });
  await expect(owner.jobs.logs({ workspaceId, runId: run.id, afterSeq: 2 ** 31 })).rejects.toMatchObject({
    code: "BAD_REQUEST",
    message: expect.stringContaining("afterSeq"),
  });
  expect(await owner.jobs.logs({ workspaceId, runId: run.id, afterSeq: 2 ** 31 - 1 })).toMatchObject({
    lines: [],
    hasMore: false,
  });
});
