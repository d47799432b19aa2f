import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import { findDataVersion } from "../data/find-data-version";
import { addLabelingItems } from "./add-labeling-items";
import { completeLabels, type TNewLabelingProject } from "./labeling-input";

/** A project with the items of its first data version, in one transaction: it exists whole or not at all. */
export async function createLabelingProject(actor: TActor, workspaceId: string, input: TNewLabelingProject) {
  const { asset, version } = await findDataVersion(workspaceId, input.data);
  const isClassification = input.taskType === "imageClassification" || input.taskType === "textClassification";
  if (input.multiLabel && !isClassification)
    throw new AppError("BAD_REQUEST", "multiLabel: only classification projects take several labels per item");
  try {
    return await db().$transaction(
      async (tx) => {
        const project = await tx.labelingProject.create({
          data: {
            workspaceId,
            name: input.name,
            description: input.description ?? "",
            instructions: input.instructions ?? "",
            taskType: input.taskType,
            multiLabel: input.multiLabel ?? false,
            labels: completeLabels(input.labels),
            overlap: input.overlap ?? 1,
            dataAssetName: asset.name,
            textColumn: input.textColumn ?? null,
            assistEndpoint: input.assistEndpoint ?? null,
            createdById: actor.userId,
          },
        });
        await recordAuditEvent(tx, actor, {
          workspaceId,
          action: "labeling.project.create",
          targetType: "labelingProject",
          targetId: project.id,
          details: { name: project.name, taskType: project.taskType, data: `${asset.name}:${version.version}` },
        });
        const { added } = await addLabelingItems(actor, project, version, tx);
        return { name: project.name, items: added };
      },
      { timeout: 120_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `A labeling project named '${input.name}' already exists`);
    throw error;
  }
}
