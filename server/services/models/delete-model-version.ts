import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { assertNoWaitingReaders } from "./assert-no-waiting-readers";
import { deploymentConflictMessage, deploymentsOfModelVersions } from "./deployments-of-model";
import { findModelVersion } from "./find-model";

/**
 * Deletes a version with its aliases; its blobs stay until the data cleanup finds them unused.
 * Refused while a deployment serves it or a job not yet ended reads it.
 */
export async function deleteModelVersion(actor: TActor, workspaceId: string, ref: string) {
  await db().$transaction(async (tx) => {
    const { model, version } = await findModelVersion(workspaceId, ref, tx);
    const uses = await deploymentsOfModelVersions(tx, [version.id]);
    if (uses.length) throw new AppError("CONFLICT", deploymentConflictMessage(uses));
    await assertNoWaitingReaders(tx, [version.id]);
    await tx.modelVersion.delete({ where: { id: version.id } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "model.version.delete",
      targetType: "registeredModel",
      targetId: model.id,
      details: { name: model.name, version: version.version, digest: version.digest },
    });
  });
}
