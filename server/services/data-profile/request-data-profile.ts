import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { notifyDataProfilesQueued } from "../../database/notifications";
import { db } from "../../db";
import { AppError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { findDataVersion } from "../data/find-data-version";
import { dataProfileView } from "./data-profile-view";

/**
 * Queues the profile of a table version for a worker. A version's rows never change, so a profile
 * queued, running or done is answered as it is; only a failed one is queued again.
 */
export async function requestDataProfile(actor: TActor, workspaceId: string, ref: string) {
  const { asset, version } = await findDataVersion(workspaceId, ref);
  if (version.type !== "table") {
    throw new AppError(
      "BAD_REQUEST",
      `Only tables are profiled; ${asset.name}:${version.version} is a ${version.type}`,
    );
  }
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`crucible.data-profile:${version.id}`}))`;
    const existing = await tx.dataProfile.findUnique({ where: { versionId: version.id } });
    if (existing && existing.status !== "failed") return dataProfileView(existing);
    const fresh = {
      status: "queued" as const,
      progress: 0,
      error: null,
      workerId: null,
      startedAt: null,
      finishedAt: null,
      requestedById: actor.userId,
    };
    const profile = existing
      ? await tx.dataProfile.update({ where: { id: existing.id }, data: { ...fresh, result: Prisma.DbNull } })
      : await tx.dataProfile.create({ data: { versionId: version.id, ...fresh } });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "data.profile.request",
      targetType: "dataAsset",
      targetId: asset.id,
      details: { name: asset.name, version: version.version },
    });
    await notifyDataProfilesQueued(tx);
    return dataProfileView(profile);
  });
}
