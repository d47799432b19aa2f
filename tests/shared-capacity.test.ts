import { Readable } from "node:stream";
import Docker from "dockerode";
import { describe, expect, it } from "vitest";
import { db } from "../server/db";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { ensureCuratedEnvironments } from "../server/services/environments/curated-environments";
import { transitionRun } from "../server/services/runs/transition-run";
import { claimJobs } from "../server/worker/claim-jobs";
import { EndpointReconciler } from "../server/worker/endpoints/reconcile-endpoints";
import { ownerWorkspace, sharedHost } from "./helpers/actors";
import { isDockerAvailable, LOCAL_DOCKER } from "./helpers/docker";
import { waitFor } from "./helpers/wait-for";

const hasDocker = await isDockerAvailable();

describe.skipIf(!hasDocker)("one capacity for jobs and endpoint instances", () => {
  it("places neither where the other has taken the host's CPU, and shows both in its usage", async () => {
    await ensureCuratedEnvironments();
    const { workspaceId, owner } = await ownerWorkspace();
    const { host } = await sharedHost(owner, workspaceId, { name: "small", endpoint: LOCAL_DOCKER });
    // A host of two CPUs, whatever this machine has.
    await db().computeHost.update({ where: { id: host.id }, data: { cpus: 2 } });
    const run = await owner.runs.create({ workspaceId, experimentName: "training" });
    await uploadArtifact(workspaceId, run.id, "outputs/model/weights.txt", Readable.from([Buffer.from("1")]));
    await owner.models.register({ workspaceId, name: "tiny", runId: run.id, path: "outputs/model" });
    const job = (cpu: number) =>
      owner.jobs.submit({
        workspaceId,
        yaml: `command: sleep 1\nenvironment: crucible-sklearn\ncompute: small\nresources:\n  cpu: ${cpu}\n`,
      });
    const reconciler = new EndpointReconciler([workspaceId]);
    try {
      // A job holds 1 of the 2 CPUs: an instance asking 1.5 waits, saying why.
      const first = await job(1);
      expect(await claimJobs("capacity-test", [workspaceId])).toEqual([first.runId]);
      await owner.endpoints.create({ workspaceId, name: "cap" });
      await owner.endpoints.createDeployment({
        workspaceId,
        endpointName: "cap",
        name: "blue",
        model: "tiny:1",
        code_configuration: {
          code: { "score.py": "def init():\n    pass\n\ndef run(raw):\n    return 1\n" },
          scoring_script: "score.py",
        },
        resources: { cpu: 1.5, memory_mb: 256 },
      });
      await reconciler.tick();
      const waiting = (await owner.endpoints.byName({ workspaceId, endpointName: "cap" })).deployments[0]!;
      expect(waiting.instances).toEqual([]);
      expect(waiting.error).toMatch(/^No shared host has room for another instance \(1\.5 CPU, 256 MiB\)/);

      // The job ends: the instance takes its place, and then a 1-CPU job has no room.
      await transitionRun(first.runId, { to: "Failed", from: ["Preparing"] });
      await waitFor(
        "the instance to be placed",
        async () => {
          await reconciler.tick();
          return (await db().endpointInstance.count({ where: { hostId: host.id } })) === 1 ? true : null;
        },
        30_000,
        200,
      );
      const second = await job(1);
      expect(await claimJobs("capacity-test", [workspaceId])).toEqual([]);
      const [usage] = await owner.compute.hosts({ workspaceId });
      expect(usage!.used).toMatchObject({ runs: 0, instances: 1, cpus: 1.5, memoryBytes: 256 * 1048576 });

      // Without the instance, the job goes.
      await owner.endpoints.delete({ workspaceId, endpointName: "cap" });
      expect(await claimJobs("capacity-test", [workspaceId])).toEqual([second.runId]);
      await transitionRun(second.runId, { to: "Failed", from: ["Preparing"] });
    } finally {
      const containers = await db().endpointInstance.findMany({ where: { hostId: host.id } });
      await owner.endpoints.delete({ workspaceId, endpointName: "cap" }).catch(() => undefined);
      await reconciler.stop();
      // Its own containers only: a sweep would also take what other test files are building.
      for (const { containerId } of containers)
        if (containerId)
          await new Docker({ socketPath: "/var/run/docker.sock" })
            .getContainer(containerId)
            .remove({ force: true })
            .catch(() => undefined);
    }
  }, 120_000);
});
