import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { countAcceptedItems } from "./accepted-labels";
import { EXPORT_FORMATS, type TExportFormat } from "./export-formats";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { runLabelingExport } from "./run-labeling-export";

/**
 * Starts writing a project's accepted labels as the next version of a data asset (`<project>-labels`
 * unless named), in the background: the answer is the export, whose progress `listLabelingExports`
 * shows until it is done and names the version.
 */
export async function startLabelingExport(
  actor: TActor,
  project: TLabelingProjectRow,
  input: { format: TExportFormat; assetName?: string },
) {
  if (!EXPORT_FORMATS[project.taskType].includes(input.format))
    throw new AppError(
      "BAD_REQUEST",
      `format: a ${project.taskType} project exports as ${EXPORT_FORMATS[project.taskType].join(" or ")}`,
    );
  const total = await countAcceptedItems(project.id);
  if (total === 0) throw new AppError("CONFLICT", "No item has accepted labels yet; review some first");
  const assetName = input.assetName ?? `${project.name}-labels`.slice(0, 255);
  const created = await db().$transaction(async (tx) => {
    const row = await tx.labelingExport.create({
      data: { projectId: project.id, format: input.format, assetName, total, createdById: actor.userId },
    });
    await recordAuditEvent(tx, actor, {
      workspaceId: project.workspaceId,
      action: "labeling.export",
      targetType: "labelingProject",
      targetId: project.id,
      details: { name: project.name, format: input.format, assetName, items: total },
    });
    return row;
  });
  void runLabelingExport(actor, project, created.id);
  return created;
}
