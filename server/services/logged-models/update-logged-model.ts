import { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { AppError } from "../../errors";
import { findLoggedModel } from "./find-logged-model";
import type { TLoggedModelStatus } from "./logged-model-limits";

export type TUpdateLoggedModel = {
  status?: TLoggedModelStatus;
  statusMessage?: string;
  /** Merged into the model's tags. */
  tags?: { key: string; value: string }[];
  deleteTagKey?: string;
  /** Merged into the model's params; a param once set keeps its value, as a run's does. */
  params?: { key: string; value: string }[];
  isDeleted?: boolean;
};

/**
 * One change to a logged model. Tags and params are merged in the database in one statement,
 * so two clients setting different keys at once both keep theirs.
 */
export async function updateLoggedModel(workspaceId: string, modelId: string, input: TUpdateLoggedModel) {
  const model = await findLoggedModel(workspaceId, modelId);
  const params = Object.fromEntries((input.params ?? []).map((p) => [p.key, p.value]));
  const current = model.params as Record<string, string>;
  const changed = Object.entries(params).find(([k, v]) => k in current && current[k] !== v);
  if (changed)
    throw new AppError(
      "BAD_REQUEST",
      `Param '${changed[0]}' of model ${modelId} is already '${current[changed[0]]}' and cannot become '${changed[1]}'`,
    );
  const tags = JSON.stringify(Object.fromEntries((input.tags ?? []).map((t) => [t.key, t.value])));
  const deletedAt = input.isDeleted === undefined ? null : input.isDeleted ? new Date() : null;
  await db().$executeRaw`
    UPDATE "LoggedModel" SET
      "tags" = ("tags" || ${tags}::jsonb) - ${input.deleteTagKey ?? ""}::text,
      "params" = ${JSON.stringify(params)}::jsonb || "params",
      "status" = COALESCE(${input.status ?? null}::"LoggedModelStatus", "status"),
      "statusMessage" = COALESCE(${input.statusMessage ?? null}::text, "statusMessage"),
      "deletedAt" = ${input.isDeleted === undefined ? Prisma.sql`"deletedAt"` : Prisma.sql`${deletedAt}::timestamp`},
      "updatedAt" = now() AT TIME ZONE 'UTC'
    WHERE "id" = ${model.id}`;
  return findLoggedModel(workspaceId, modelId, true);
}
