import { describe, expect, it } from "vitest";
import { db } from "../server/db";
import { RunLogWriter } from "../server/worker/run-log-writer";
import { ownerWorkspace } from "./helpers/actors";
import { withOwnConnection } from "./helpers/own-connection";

async function runWithJob(): Promise<string> {
  const { owner, workspaceId } = await ownerWorkspace("logs");
  const run = await owner.runs.create({ workspaceId, experimentName: "logs" });
  // Not ready, so no worker of another test claims it.
  await db().job.create({
    data: { runId: run.id, workspaceId, spec: {}, command: "true", imageHash: "none", isReady: false },
  });
  return run.id;
}

/** PostgreSQL itself refuses this run's next `count` log inserts (a trigger), as an outage would. */
async function failLogInserts(runId: string, count: number): Promise<() => Promise<void>> {
  const name = `fail_log_${runId.replace(/\W/g, "_")}`;
  await withOwnConnection(async (client) => {
    await client.query(`CREATE SEQUENCE ${name}`);
    // nextval is not rolled back with the failed insert, so exactly `count` statements fail.
    await client.query(
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF nextval('${name}') <= ${count} THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`,
    );
    await client.query(
      `CREATE TRIGGER ${name} BEFORE INSERT ON "RunLogLine" FOR EACH ROW WHEN (NEW."runId" = '${runId}') EXECUTE FUNCTION ${name}()`,
    );
  });
  return () =>
    withOwnConnection(async (client) => {
      await client.query(`DROP TRIGGER IF EXISTS ${name} ON "RunLogLine"`);
      await client.query(`DROP FUNCTION IF EXISTS ${name}()`);
      await client.query(`DROP SEQUENCE IF EXISTS ${name}`);
    });
}

async function storedLines(runId: string) {
  return db().runLogLine.findMany({
    where: { runId },
    orderBy: { seq: "asc" },
    select: { seq: true, stream: true, text: true },
  });
}

async function savedCursor(runId: string): Promise<string | null> {
  return (await db().job.findUniqueOrThrow({ where: { runId } })).logCursor;
}

describe("the run log writer", () => {
  it("keeps lines whose insert failed and saves the cursor only with them", async () => {
    const runId = await runWithJob();
    const restore = await failLogInserts(runId, 1_000_000);
    try {
      const log = await RunLogWriter.open(runId);
      log.write("stdout", "1\n2\n", new Date(), "cursor-2");
      await log.flush();
      log.write("stdout", "3\n", new Date(), "cursor-3");
      await log.flush();
      expect(await storedLines(runId)).toEqual([]);
      expect(await savedCursor(runId)).toBeNull();

      await restore();
      await log.flush();
      expect((await storedLines(runId)).map((l) => [l.seq, l.text])).toEqual([
        [1, "1"],
        [2, "2"],
        [3, "3"],
      ]);
      expect(await savedCursor(runId)).toBe("cursor-3");
    } finally {
      await restore();
    }
  });

  it("stores every line with no seq gap when an insert fails while a job prints", async () => {
    const runId = await runWithJob();
    const restore = await failLogInserts(runId, 2);
    try {
      const log = await RunLogWriter.open(runId);
      const count = 3000;
      for (let i = 1; i <= count; i += 100) {
        const chunk = Array.from({ length: 100 }, (_, k) => `${i + k}\n`).join("");
        log.write("stdout", chunk, new Date(), `cursor-${i + 99}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await log.close();
      const lines = await storedLines(runId);
      expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      expect(lines.map((l) => l.text)).toEqual(Array.from({ length: count }, (_, i) => String(i + 1)));
      expect(await savedCursor(runId)).toBe(`cursor-${count}`);
    } finally {
      await restore();
    }
  });

  it("drops lines past the per-run limit with a notice saying how many", async () => {
    const runId = await runWithJob();
    const log = await RunLogWriter.open(runId, { maxLines: 50 });
    log.write("stdout", Array.from({ length: 80 }, (_, i) => `line ${i + 1}\n`).join(""), new Date(), "cursor-80");
    log.system("Run Completed");
    await log.close();
    const lines = await storedLines(runId);
    expect(lines.filter((l) => l.stream === "stdout").map((l) => l.text)).toEqual(
      Array.from({ length: 50 }, (_, i) => `line ${i + 1}`),
    );
    expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: lines.length }, (_, i) => i + 1));
    const notices = lines.filter((l) => l.stream === "system").map((l) => l.text);
    expect(notices).toEqual([
      "Log limit of 50 lines reached: later lines are not kept",
      "Run Completed",
      "30 lines past the limit of 50 were dropped",
    ]);
    expect(await savedCursor(runId)).toBe("cursor-80");
  });
});
