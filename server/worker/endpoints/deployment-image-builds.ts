import "server-only";
import type Docker from "dockerode";
import { notifyEndpointsChanged } from "../../database/notifications";
import { db } from "../../db";
import type { ComputeHost } from "../../generated/prisma/client";
import { environmentHash, imageTag, type TEnvironmentSpec } from "../../services/environments/environment-spec";
import { getSiteSettings } from "../../services/settings/get-site-settings";
import { BuildError } from "../build-error";
import { ensureImage, type TBuildLog } from "../ensure-image";
import { instanceLimits } from "./instance-limits";

export type TDeploymentBuildPlan = {
  deployment: { id: string; name: string; generation: number; cpu: number | null; memoryBytes: bigint | null };
  host: ComputeHost;
  docker: Docker;
  spec: TEnvironmentSpec;
};

type TRunning = { hash: string; controller: AbortController; done: Promise<void> };

// The deployment's console reads the build record; the worker's own output needs none of it.
const QUIET: TBuildLog = { system: () => undefined, write: () => undefined };

/**
 * Builds the environment images online deployments wait for, in the background so probes and
 * other deployments go on meanwhile, with the build code jobs use: one build per host and image
 * however many runs and deployments wait for it. While one builds, its deployment's message says
 * so; a failing build fails the deployment's generation with the build's error, and an update of
 * the deployment tries again.
 */
export class DeploymentImageBuilds {
  private readonly running = new Map<string, TRunning>();

  isBuilding(deploymentId: string): boolean {
    return this.running.has(deploymentId);
  }

  start(plan: TDeploymentBuildPlan): void {
    const { deployment: d, host, docker, spec } = plan;
    if (this.running.has(d.id)) return;
    const hash = environmentHash(spec);
    const controller = new AbortController();
    const done = (async () => {
      let timeoutS = 0;
      try {
        // The pass that asked for this build read the deployment earlier: if it has failed since
        // (a build of it just failed), nothing is built until it is updated.
        const claimed = await db().onlineDeployment.updateMany({
          where: { id: d.id, generation: d.generation, state: { not: "Failed" } },
          data: { message: `Building image ${imageTag(hash)} on host '${host.name}'` },
        });
        if (claimed.count === 0) return;
        await notifyEndpointsChanged();
        timeoutS = (await getSiteSettings()).buildTimeoutS;
        const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(timeoutS * 1000)]);
        await ensureImage(
          {
            docker,
            hostId: host.id,
            networkMode: host.networkMode,
            runStepsAsRoot: host.runStepsAsRoot,
            limits: instanceLimits(d, host),
          },
          spec,
          null,
          QUIET,
          signal,
        );
        await setMessage(d, null);
      } catch (error) {
        // Deleted, changed or the worker stopping: nothing to report, and no new build has begun
        // while this one is still listed.
        if (controller.signal.aborted) {
          await db().onlineDeployment.updateMany({ where: { id: d.id }, data: { message: null } });
          return;
        }
        await failed(d, error as Error, timeoutS);
        await notifyEndpointsChanged();
      }
    })()
      .catch((error) => console.error(`endpoint deployment ${d.id}: ${(error as Error).message}`))
      .finally(() => this.running.delete(d.id));
    this.running.set(d.id, { hash, controller, done });
  }

  /** Gives up the builds of deployments that are gone or no longer use that environment. */
  abortStale(current: Map<string, string | null>): void {
    for (const [id, build] of this.running)
      if (current.get(id) !== build.hash) build.controller.abort(new Error("The deployment changed"));
  }

  async stop(): Promise<void> {
    for (const build of this.running.values()) build.controller.abort(new Error("The worker is stopping"));
    await Promise.allSettled([...this.running.values()].map((b) => b.done));
  }
}

type TDeploymentRef = TDeploymentBuildPlan["deployment"];

/** Only the generation the build was for: an update meanwhile starts over. */
async function setMessage(d: TDeploymentRef, message: string | null): Promise<void> {
  await db().onlineDeployment.updateMany({ where: { id: d.id, generation: d.generation }, data: { message } });
  await notifyEndpointsChanged();
}

async function failed(d: TDeploymentRef, error: Error, timeoutS: number): Promise<void> {
  const where = { id: d.id, generation: d.generation };
  if (error instanceof BuildError || error.name === "TimeoutError") {
    const message =
      error instanceof BuildError
        ? error.message
        : `The image build took longer than the site's build timeout (${timeoutS} s)`;
    await db().onlineDeployment.updateMany({
      where,
      data: { state: "Failed", error: message.slice(0, 4000), message: null },
    });
    return;
  }
  // An engine that could not be reached is not the deployment's fault: the next pass tries again.
  await db().onlineDeployment.updateMany({
    where,
    data: { error: `Could not build the image: ${error.message}`.slice(0, 4000), message: null },
  });
}
