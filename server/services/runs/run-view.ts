import { db } from "../../db";
import { encodeFloat } from "./metric-value";

/** What the API shows of a run: its fields, params, tags and each metric's summary. */
export async function loadRunViews(ids: string[]) {
  if (ids.length === 0) return [];
  const runs = await db().run.findMany({
    where: { id: { in: ids } },
    include: {
      params: true,
      tags: true,
      summaries: true,
      _count: { select: { children: true } },
    },
  });
  const users = await db().user.findMany({
    where: { id: { in: [...new Set(runs.map((r) => r.userId).filter((u): u is string => u !== null))] } },
    select: { id: true, email: true, name: true },
  });
  const userById = new Map(users.map((u) => [u.id, u]));
  const byId = new Map(runs.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const end = r.endedAt ?? (r.startedAt && !r.endedAt ? new Date() : null);
    return [
      {
        id: r.id,
        experimentId: r.experimentId,
        parentRunId: r.parentRunId,
        displayName: r.displayName,
        status: r.status,
        user: r.userId ? (userById.get(r.userId) ?? null) : null,
        notes: r.notes,
        git: { repo: r.gitRepo, branch: r.gitBranch, commit: r.gitCommit, isDirty: r.gitIsDirty },
        createdAt: r.createdAt,
        startedAt: r.startedAt,
        endedAt: r.endedAt,
        durationMs: r.startedAt && end ? end.getTime() - r.startedAt.getTime() : null,
        isDeleted: r.deletedAt !== null,
        childCount: r._count.children,
        params: Object.fromEntries(r.params.map((p) => [p.key, p.value])),
        tags: Object.fromEntries(r.tags.map((t) => [t.key, t.value])),
        metrics: Object.fromEntries(
          r.summaries.map((s) => [
            s.key,
            {
              last: encodeFloat(s.lastValue),
              lastStep: Number(s.lastStep),
              lastTimestamp: Number(s.lastTimestamp),
              min: s.minValue === null ? null : encodeFloat(s.minValue),
              max: s.maxValue === null ? null : encodeFloat(s.maxValue),
              count: Number(s.count),
            },
          ]),
        ),
      },
    ];
  });
}

export type TRunView = Awaited<ReturnType<typeof loadRunViews>>[number];
