import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import { findExperiment } from "./find-experiment";

export type TUpdateExperiment = {
  name?: string;
  description?: string;
  isArchived?: boolean;
  tags?: { key: string; value: string }[];
};

/** Rename, describe, tag, archive or restore. Archiving is a soft delete: runs stay until purged. */
export async function updateExperiment(workspaceId: string, experimentId: string, input: TUpdateExperiment) {
  await findExperiment(workspaceId, experimentId);
  try {
    return await db().$transaction(async (tx) => {
      for (const tag of input.tags ?? []) {
        await tx.experimentTag.upsert({
          where: { experimentId_key: { experimentId, key: tag.key } },
          create: { experimentId, key: tag.key, value: tag.value },
          update: { value: tag.value },
        });
      }
      return tx.experiment.update({
        where: { id: experimentId },
        data: {
          name: input.name,
          description: input.description,
          ...(input.isArchived === undefined ? {} : { deletedAt: input.isArchived ? new Date() : null }),
        },
        include: { tags: true },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `An experiment named '${input.name}' already exists`);
    throw error;
  }
}
