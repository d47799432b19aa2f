import "server-only";
import { db } from "../db";
import { dockerFor } from "../docker/docker-client";
import { ACTIVE_JOB_STATUSES } from "../services/runs/run-status";
import { INSTALLATION_LABEL, RUN_LABEL } from "./container-config";
import { installationId } from "./installation-id";

const ACTIVE: string[] = [...ACTIVE_JOB_STATUSES];

/**
 * Removes every container of this installation whose run is no longer active on it (ended, purged,
 * its workspace deleted, or an older attempt), on every Online host. Not by host: two hosts may be
 * one engine. A worker following such a run sees its container go and cleans up the rest (outputs,
 * token). Returns the ids removed.
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
      const runIds = containers.map((c) => c.Labels[RUN_LABEL] ?? "");
      const live = await db().$queryRaw<{ runId: string; attempt: number }[]>`
        SELECT j."runId", j."attempt" FROM "Job" j JOIN "Run" r ON r."id" = j."runId"
        WHERE j."runId" = ANY(${runIds}::text[]) AND r."status"::text = ANY(${ACTIVE}::text[])`;
      const attempts = new Map(live.map((j) => [j.runId, String(j.attempt)]));
      for (const container of containers) {
        if (attempts.get(container.Labels[RUN_LABEL] ?? "") === container.Labels["crucible.attempt"]) continue;
        await docker
          .getContainer(container.Id)
          .remove({ force: true })
          .catch(() => undefined);
        removed.push(container.Id);
      }
    }),
  );
  return removed;
}
