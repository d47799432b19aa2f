import { db } from "../../db";
import { effectiveLabels, matchesSelector } from "./host-labels";

/** A workspace's targets, each with the shared hosts its selector picks. */
export async function listTargets(workspaceId: string) {
  const [targets, hosts] = await Promise.all([
    db().computeTarget.findMany({ where: { workspaceId }, orderBy: [{ priority: "desc" }, { name: "asc" }] }),
    db().computeHost.findMany({
      where: { shares: { some: { workspaceId } } },
      select: { id: true, name: true, labels: true },
    }),
  ]);
  return targets.map((t) => {
    const selector = t.selector as Record<string, string>;
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      selector,
      priority: t.priority,
      maxConcurrentRuns: t.maxConcurrentRuns,
      hostNames: hosts.filter((h) => matchesSelector(effectiveLabels(h), selector)).map((h) => h.name),
      createdAt: t.createdAt,
    };
  });
}
