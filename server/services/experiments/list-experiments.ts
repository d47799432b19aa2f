import { db } from "../../db";

export type TListExperiments = { search?: string; isArchived?: boolean };

/** Experiments with their run counts and the time of their latest run activity. */
export async function listExperiments(workspaceId: string, input: TListExperiments = {}) {
  const experiments = await db().experiment.findMany({
    where: {
      workspaceId,
      deletedAt: input.isArchived ? { not: null } : null,
      ...(input.search ? { name: { contains: input.search, mode: "insensitive" as const } } : {}),
    },
    include: { tags: true },
    orderBy: { createdAt: "desc" },
  });
  const stats = await db().run.groupBy({
    by: ["experimentId"],
    where: { workspaceId, deletedAt: null, experimentId: { in: experiments.map((e) => e.id) } },
    _count: { _all: true },
    _max: { updatedAt: true },
  });
  const byId = new Map(stats.map((s) => [s.experimentId, s]));
  return experiments.map((e) => {
    const s = byId.get(e.id);
    const lastRunAt = s?._max.updatedAt ?? null;
    return {
      ...e,
      runCount: s?._count._all ?? 0,
      lastActivityAt: lastRunAt && lastRunAt > e.updatedAt ? lastRunAt : e.updatedAt,
    };
  });
}
