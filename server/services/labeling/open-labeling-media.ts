import { db } from "../../db";
import { AppError } from "../../errors";
import { can, type TResolvedRole } from "../../rbac/access";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { openItemFile } from "./open-item-file";

/**
 * An item's image, streamed from the datastore. Managers and reviewers see any item; a labeler only
 * the items handed or assigned to them, so a Labeler role cannot browse the whole data asset.
 */
export async function openLabelingMedia(
  project: TLabelingProjectRow,
  role: TResolvedRole,
  userId: string,
  itemId: string,
) {
  const item = await db().labelingItem.findFirst({ where: { id: itemId, projectId: project.id } });
  if (!item) throw new AppError("NOT_FOUND", "No such item in this project");
  const mayView =
    can(role, "labeling:write") ||
    can(role, "labeling:review") ||
    (await db().labelingAnnotation.count({ where: { itemId, userId } })) > 0;
  if (!mayView) throw new AppError("FORBIDDEN", "This item is not handed to you");
  return { path: item.path, ...(await openItemFile(project.workspaceId, item)) };
}
