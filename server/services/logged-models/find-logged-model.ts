import { db } from "../../db";
import { AppError } from "../../errors";

/** A logged model of this workspace; NOT_FOUND otherwise, and for a deleted one unless asked for. */
export async function findLoggedModel(workspaceId: string, modelId: string, isDeletedAllowed = false) {
  const model = await db().loggedModel.findFirst({ where: { id: modelId, workspaceId } });
  if (!model || (model.deletedAt && !isDeletedAllowed))
    throw new AppError("NOT_FOUND", `Logged model ${modelId} not found`);
  return model;
}
