import "server-only";
import type Docker from "dockerode";
import { db } from "../db";
import { dockerFor } from "../docker/docker-client";
import { ACTIVE_JOB_STATUSES } from "../services/runs/run-status";
import { getSiteSettings } from "../services/settings/get-site-settings";
import { BUILD_LABEL } from "./build-container";
import { INSTALLATION_LABEL, RUN_LABEL } from "./container-config";
import { ENDPOINT_INSTANCE_LABEL, removeInstanceContainer } from "./endpoints/instance-container";
import { installationId } from "./installation-id";

const ACTIVE: string[] = [...ACTIVE_JOB_STATUSES];

/**
 * Removes every container of this installation whose run is no longer active on it (ended, purged,
 * its workspace deleted, or an older attempt), on every Online host. Not by host: two hosts may be
 * one engine. A worker following such a run sees its container go and cleans up the rest (outputs,
 * token). Online endpoint instances' containers go once their instance row is gone (its deployment
 * or endpoint deleted). Image build steps' containers, and the images of a build that no finished image is
 * made from, go once their build has ended or has been going longer than any build may (its worker
 * died). Returns the ids of the containers removed.
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
      const remove = async (id: string) => {
        await docker
          .getContainer(id)
          .remove({ force: true })
          .catch(() => undefined);
        removed.push(id);
      };
      // Finished images carry the build label empty, and so do job containers made from them.
      const builds = containers.filter((c) => c.Labels[BUILD_LABEL]);
      for (const id of await endedBuilds(builds.map((c) => c.Labels[BUILD_LABEL]!))) {
        for (const container of builds.filter((c) => c.Labels[BUILD_LABEL] === id)) await remove(container.Id);
      }
      await sweepBuildImages(docker, installation);
      const instances = containers.filter((c) => c.Labels[ENDPOINT_INSTANCE_LABEL]);
      const kept = new Set(
        (
          await db().endpointInstance.findMany({
            where: { id: { in: instances.map((c) => c.Labels[ENDPOINT_INSTANCE_LABEL]!) } },
            select: { id: true },
          })
        ).map((i) => i.id),
      );
      for (const container of instances.filter((c) => !kept.has(c.Labels[ENDPOINT_INSTANCE_LABEL]!))) {
        await removeInstanceContainer(docker, container.Labels[ENDPOINT_INSTANCE_LABEL]!, container.Id);
        removed.push(container.Id);
      }
      const jobs = containers.filter((c) => !c.Labels[BUILD_LABEL] && !c.Labels[ENDPOINT_INSTANCE_LABEL]);
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

/** Images a build made and left (dangling: no tag, nothing made from them), after its containers. */
async function sweepBuildImages(docker: Docker, installation: string): Promise<void> {
  const images = await docker.listImages({
    filters: { dangling: ["true"], label: [`${INSTALLATION_LABEL}=${installation}`] },
  });
  const builds = images.filter((i) => i.Labels?.[BUILD_LABEL]);
  const ended = new Set(await endedBuilds(builds.map((i) => i.Labels[BUILD_LABEL]!)));
  for (const image of builds.filter((i) => ended.has(i.Labels[BUILD_LABEL]!)))
    await docker
      .getImage(image.Id)
      .remove()
      .catch(() => undefined);
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
