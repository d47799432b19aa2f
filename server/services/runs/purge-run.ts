import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { storeOf } from "../../storage/datastore-store";
import { findRun } from "./find-run";

/**
 * Removes a deleted run for good: its child runs, points, params, tags, and its artifact files
 * (which MLflow leaves behind). Rows go first in one statement, then the files.
 */
export async function purgeRun(actor: TActor, workspaceId: string, runId: string): Promise<void> {
  const run = await findRun(workspaceId, runId);
  if (!run.deletedAt) throw new AppError("CONFLICT", "Delete the run before purging it");
  const runIds = await subtreeIds(runId);
  const runs = await db().run.findMany({ where: { id: { in: runIds } }, select: { id: true, datastore: true } });
  await db().$transaction(async (tx) => {
    await tx.run.delete({ where: { id: run.id } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "run.purge",
      targetType: "run",
      targetId: run.id,
      details: { name: run.displayName, runs: runIds.length },
    });
  });
  for (const r of runs) await storeOf(r.datastore).removePrefix(`${workspaceId}/${r.id}`);
}

/** The run and every descendant, whose rows the cascade removes and whose files must go too. */
export async function subtreeIds(runId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    WITH RECURSIVE tree AS (
      SELECT "id" FROM "Run" WHERE "id" = ${runId}
      UNION ALL
      SELECT r."id" FROM "Run" r JOIN tree t ON r."parentRunId" = t."id"
    ) SELECT "id" FROM tree`;
  return rows.map((r) => r.id);
}
