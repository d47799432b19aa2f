import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";

export type TCreateExperiment = { name: string; description?: string; tags?: { key: string; value: string }[] };

export async function createExperiment(
  workspaceId: string,
  userId: string | null,
  input: TCreateExperiment,
  tx: Prisma.TransactionClient = db(),
) {
  try {
    return await tx.experiment.create({
      data: {
        workspaceId,
        name: input.name,
        description: input.description ?? "",
        createdById: userId,
        tags: { create: input.tags ?? [] },
      },
      include: { tags: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `An experiment named '${input.name}' already exists`);
    throw error;
  }
}
