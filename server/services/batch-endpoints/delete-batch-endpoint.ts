import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { findBatchEndpoint } from "./find-batch-endpoint";

/** Deletes the endpoint with its deployments; the jobs it ran stay as runs, and their outputs as data versions. */
export async function deleteBatchEndpoint(actor: TActor, workspaceId: string, name: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const endpoint = await findBatchEndpoint(workspaceId, name, tx);
    await tx.batchEndpoint.delete({ where: { id: endpoint.id } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "batchEndpoint.delete",
      targetType: "batchEndpoint",
      targetId: endpoint.id,
      details: { name },
    });
  });
}
