import { describe, expect, it } from "vitest";
import { transitionRun } from "../server/services/runs/transition-run";
import { runLogEvents, type TRunLogEvent } from "../server/streams/run-log-events";
import { ownerWorkspace } from "./helpers/actors";

async function scriptRun() {
  const { workspaceId, owner } = await ownerWorkspace();
  const run = await owner.runs.create({ workspaceId, experimentName: "status-events" });
  return { workspaceId, owner, runId: run.id };
}

describe("run status has one writer", () => {
  it("refuses a change the table does not allow with a typed CONFLICT, and resumes an ended script run", async () => {
    const { runId } = await scriptRun();
    await transitionRun(runId, { to: "Completed" });
    await expect(transitionRun(runId, { to: "Finalizing" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await transitionRun(runId, { to: "Running" })).toBe("Completed");
    // A worker's conditional step that another path overtook does nothing.
    expect(await transitionRun(runId, { to: "Failed", from: ["Preparing"] })).toBeNull();
  });

  it("reaches a log stream by notice, with no polling, and the stream sends keepalives while quiet", async () => {
    const { runId } = await scriptRun();
    const abort = new AbortController();
    const events: TRunLogEvent[] = [];
    const stream = runLogEvents(runId, 0, abort.signal, 300);
    const reading = (async () => {
      for await (const event of stream) events.push(event);
    })();
    const until = async (what: (e: TRunLogEvent) => boolean) => {
      const deadline = Date.now() + 5000;
      while (!events.some(what)) {
        if (Date.now() > deadline) throw new Error(`no such event in ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await until((e) => e.kind === "status" && e.status === "Running");
    await until((e) => e.kind === "keepalive");
    const changedAt = Date.now();
    await transitionRun(runId, { to: "Completed" });
    await until((e) => e.kind === "end");
    // A notice, not a poll: well under any polling period the stream could have had.
    expect(Date.now() - changedAt).toBeLessThan(1000);
    expect(events.filter((e) => e.kind === "status").map((e) => (e as { status: string }).status)).toEqual([
      "Running",
      "Completed",
    ]);
    abort.abort();
    await reading;
  });
});
