import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { storeOf } from "../../storage/datastore-store";
import { findExperiment } from "./find-experiment";

/** Removes an archived experiment for good, with all its runs' rows and artifact files. */
export async function purgeExperiment(
  actor: TActor,
  workspaceId: string,
  experimentId: string,
): Promise<{ runs: number }> {
  const experiment = await findExperiment(workspaceId, experimentId);
  if (!experiment.deletedAt) throw new AppError("CONFLICT", "Archive the experiment before purging it");
  const runs = await db().run.findMany({ where: { experimentId }, select: { id: true, datastore: true } });
  await db().$transaction(async (tx) => {
    await tx.experiment.delete({ where: { id: experimentId } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "experiment.purge",
      targetType: "experiment",
      targetId: experimentId,
      details: { name: experiment.name, runs: runs.length },
    });
  });
  for (const run of runs) await storeOf(run.datastore).removePrefix(`${workspaceId}/${run.id}`);
  return { runs: runs.length };
}
