import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import type { TLabelingProjectRow } from "./find-labeling-project";

/** Removes a project with its items, labels and history; exported data versions stay. */
export async function deleteLabelingProject(actor: TActor, project: TLabelingProjectRow) {
  await db().$transaction(async (tx) => {
    await tx.labelingEvent.deleteMany({ where: { projectId: project.id } });
    await tx.labelingProject.delete({ where: { id: project.id } });
    await recordAuditEvent(tx, actor, {
      workspaceId: project.workspaceId,
      action: "labeling.project.delete",
      targetType: "labelingProject",
      targetId: project.id,
      details: { name: project.name },
    });
  });
}
