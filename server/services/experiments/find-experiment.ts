import { db } from "../../db";
import { AppError } from "../../errors";

/** An experiment of this workspace, archived ones included; NOT_FOUND otherwise. */
export async function findExperiment(workspaceId: string, experimentId: string) {
  const experiment = await db().experiment.findFirst({
    where: { id: experimentId, workspaceId },
    include: { tags: true },
  });
  if (!experiment) throw new AppError("NOT_FOUND", `Experiment ${experimentId} not found`);
  return experiment;
}
