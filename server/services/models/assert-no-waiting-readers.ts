import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { TERMINAL_STATUSES } from "../runs/run-status";

/**
 * Refuses to delete versions that a job not yet ended reads as an input: it was promised those
 * files when it was submitted, and copies them into its container only when it starts.
 */
export async function assertNoWaitingReaders(tx: Prisma.TransactionClient, versionIds: readonly string[]) {
  // Locked first: a submission naming one of them either finished before (and is seen below) or
  // waits, then finds the version gone, rather than slipping in between the check and the delete.
  await tx.$queryRaw`SELECT 1 FROM "ModelVersion" WHERE "id" = ANY(${[...versionIds]}::text[]) FOR UPDATE`;
  const reader = await tx.runModelInput.findFirst({
    where: { versionId: { in: [...versionIds] }, run: { status: { notIn: [...TERMINAL_STATUSES] } } },
    include: { run: { select: { displayName: true, status: true } }, version: { select: { version: true } } },
  });
  if (reader)
    throw new AppError(
      "CONFLICT",
      `Version ${reader.version.version} is input '${reader.name}' of run '${reader.run.displayName}' (${reader.run.status}); cancel the run or wait until it ends`,
    );
}
