import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { assertNoWaitingReaders } from "./assert-no-waiting-readers";
import { deploymentConflictMessage, deploymentsOfModelVersions } from "./deployments-of-model";
import { findModel } from "./find-model";

/**
 * Deletes a registered model, its versions and aliases; refused while a deployment serves a
 * version or a job not yet ended reads one.
 */
export async function deleteModel(actor: TActor, workspaceId: string, name: string) {
  await db().$transaction(async (tx) => {
    const model = await findModel(workspaceId, name, tx);
    const versions = await tx.modelVersion.findMany({ where: { modelId: model.id }, select: { id: true } });
    const uses = await deploymentsOfModelVersions(
      tx,
      versions.map((v) => v.id),
    );
    if (uses.length) throw new AppError("CONFLICT", deploymentConflictMessage(uses));
    await assertNoWaitingReaders(
      tx,
      versions.map((v) => v.id),
    );
    await tx.registeredModel.delete({ where: { id: model.id } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "model.delete",
      targetType: "registeredModel",
      targetId: model.id,
      details: { name: model.name, versionCount: versions.length },
    });
  });
}
