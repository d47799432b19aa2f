import "server-only";
import { db } from "../db";
import { dockerFor } from "../docker/docker-client";
import { ACTIVE_JOB_STATUSES } from "../services/runs/run-status";
import { getSiteSettings } from "../services/settings/get-site-settings";
import { BUILD_LABEL } from "./build-container";
import { INSTALLATION_LABEL, RUN_LABEL } from "./container-config";
import { installationId } from "./installation-id";

const ACTIVE: string[] = [...ACTIVE_JOB_STATUSES];

/**
 * Removes every container of this installation whose run is no longer active on it (ended, purged,
 * its workspace deleted, or an older attempt), on every Online host. Not by host: two hosts may be
 * one engine. A worker following such a run sees its container go and cleans up the rest (outputs,
 * token). Image build steps' containers go once their build has ended, or has been going longer
 * than any build may (its worker died). Returns the ids removed.
 */
export async function sweepContainers(): Promise<string[]> {
  const installation = await installationId();
  const hosts = await db().computeHost.findMany({ where: { state: "Online" } });
  const removed: string[] = [];
  await Promise.allSettled(
    hosts.map(async (host) => {
      const docker = dockerFor(host);
      const containers = await docker.listContainers({
        all: true,
        filters: { label: [`${INSTALLATION_LABEL}=${installation}`] },
      });
      if (containers.length === 0) return;
      const remove = async (id: string) => {
        await docker
          .getContainer(id)
          .remove({ force: true })
          .catch(() => undefined);
        removed.push(id);
      };
      // Images made by a build carry its label empty, and so do the jobs' containers made from them.
      const builds = containers.filter((c) => c.Labels[BUILD_LABEL]);
      for (const id of await endedBuilds(builds.map((c) => c.Labels[BUILD_LABEL]!))) {
        for (const container of builds.filter((c) => c.Labels[BUILD_LABEL] === id)) await remove(container.Id);
      }
      const jobs = containers.filter((c) => !c.Labels[BUILD_LABEL]);
      if (jobs.length === 0) return;
      const runIds = jobs.map((c) => c.Labels[RUN_LABEL] ?? "");
      const live = await db().$queryRaw<{ runId: string; attempt: number }[]>`
        SELECT j."runId", j."attempt" FROM "Job" j JOIN "Run" r ON r."id" = j."runId"
        WHERE j."runId" = ANY(${runIds}::text[]) AND r."status"::text = ANY(${ACTIVE}::text[])`;
      const attempts = new Map(live.map((j) => [j.runId, String(j.attempt)]));
      for (const container of jobs) {
        if (attempts.get(container.Labels[RUN_LABEL] ?? "") === container.Labels["crucible.attempt"]) continue;
        await remove(container.Id);
      }
    }),
  );
  return removed;
}

/** Of these build records, those no longer building, gone, or older than the site's build timeout. */
async function endedBuilds(ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { buildTimeoutS } = await getSiteSettings();
  const live = await db().environmentBuild.findMany({
    where: { id: { in: ids }, status: "Building", startedAt: { gt: new Date(Date.now() - buildTimeoutS * 1000) } },
    select: { id: true },
  });
  const isLive = new Set(live.map((b) => b.id));
  return [...new Set(ids)].filter((id) => !isLive.has(id));
}
