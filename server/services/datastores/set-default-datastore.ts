import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { findDatastore } from "./find-datastore";

/** Makes a datastore the workspace's default in one transaction; runs created from now on write there. */
export async function setDefaultDatastore(actor: TActor, workspaceId: string, datastoreId: string) {
  await db().$transaction(async (tx) => {
    const row = await findDatastore(workspaceId, datastoreId, tx);
    if (row.isDefault) return;
    await tx.datastore.updateMany({ where: { workspaceId, isDefault: true }, data: { isDefault: false } });
    await tx.datastore.update({ where: { id: row.id }, data: { isDefault: true } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "datastore.setDefault",
      targetType: "datastore",
      targetId: row.id,
      details: { name: row.name },
    });
  });
}
