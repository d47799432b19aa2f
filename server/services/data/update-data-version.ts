import type { TActor } from "../../audit/record-audit-event";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import type { TDataVersionTarget } from "./data-asset-input";
import { findDataVersion } from "./find-data-version";
import { versionView } from "./version-view";

export type TUpdateDataVersion = Pick<TDataVersionTarget, "description" | "tags"> & { isArchived?: boolean };

/**
 * Changes what a version's content leaves open: description, tags, archived. Archiving hides a
 * version from lists and `latest` while references to its number keep working.
 */
export async function updateDataVersion(actor: TActor, workspaceId: string, ref: string, input: TUpdateDataVersion) {
  const { asset, version } = await findDataVersion(workspaceId, ref);
  return db().$transaction(async (tx) => {
    const updated = await tx.dataAssetVersion.update({
      where: { id: version.id },
      data: { description: input.description, tags: input.tags, isArchived: input.isArchived },
    });
    if (input.isArchived !== undefined && input.isArchived !== version.isArchived) {
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: input.isArchived ? "data.version.archive" : "data.version.unarchive",
        targetType: "dataAsset",
        targetId: asset.id,
        details: { name: asset.name, version: version.version },
      });
    }
    return versionView(asset, updated);
  });
}
