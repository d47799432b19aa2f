import { db } from "../../db";
import { AppError } from "../../errors";
import { loadRunViews } from "../runs/run-view";
import { findModel } from "./find-model";

/** How many versions a comparison takes: more columns would not read side by side. */
export const MAX_COMPARED_VERSIONS = 10;

/**
 * Versions of one model side by side with the params and the last metric values of the runs
 * they were registered from, in the order asked. A version without a source run (uploaded from a
 * folder, or its run deleted) comes with `run: null`.
 */
export async function compareModelVersions(workspaceId: string, name: string, numbers: readonly number[]) {
  const asked = [...new Set(numbers)];
  if (asked.length === 0 || asked.length > MAX_COMPARED_VERSIONS)
    throw new AppError("BAD_REQUEST", `Compare between 1 and ${MAX_COMPARED_VERSIONS} versions`);
  const model = await findModel(workspaceId, name);
  const versions = await db().modelVersion.findMany({
    where: { modelId: model.id, version: { in: asked } },
    include: { aliases: { select: { alias: true } } },
  });
  const missing = asked.filter((n) => !versions.some((v) => v.version === n));
  if (missing.length)
    throw new AppError("NOT_FOUND", `Registered model '${model.name}' has no version ${missing.join(", ")}`);
  const runIds = [...new Set(versions.flatMap((v) => (v.sourceRunId ? [v.sourceRunId] : [])))];
  const live = await db().run.findMany({
    where: { id: { in: runIds }, workspaceId, deletedAt: null },
    select: { id: true },
  });
  const runs = new Map((await loadRunViews(live.map((r) => r.id))).map((r) => [r.id, r]));
  return asked.map((n) => {
    const v = versions.find((x) => x.version === n)!;
    const run = v.sourceRunId ? runs.get(v.sourceRunId) : undefined;
    return {
      version: v.version,
      ref: `${model.name}:${v.version}`,
      aliases: v.aliases.map((a) => a.alias).sort(),
      isArchived: v.isArchived,
      createdAt: v.createdAt,
      run: run
        ? {
            id: run.id,
            name: run.displayName,
            status: run.status,
            params: run.params,
            metrics: Object.fromEntries(Object.entries(run.metrics).map(([key, m]) => [key, m.last])),
          }
        : null,
    };
  });
}
