import { db } from "../../db";
import { dockerFor } from "../../docker/docker-client";
import { DockerLogFrameParser } from "../../worker/docker-log-frames";
import { findDeploymentBuilds } from "./find-deployment-builds";
import { findOnlineDeployment } from "./find-online-deployment";

/**
 * The last `lines` console lines of each build of the deployment's image (`instanceId` "build",
 * `state` the build's status), then of each of its instances, as `online-deployment logs` prints them.
 */
export async function deploymentLogs(workspaceId: string, endpointName: string, name: string, lines: number) {
  const { deployment } = await findOnlineDeployment(workspaceId, endpointName, name);
  const environment = await db().environmentVersion.findUniqueOrThrow({
    where: { id: deployment.environmentVersionId },
    select: { spec: true },
  });
  const builds = (
    await findDeploymentBuilds({ createdAt: deployment.createdAt, environmentSpec: environment.spec })
  ).map((build) => ({
    instanceId: "build",
    generation: deployment.generation,
    state: build.status,
    text: build.log.split("\n").slice(-lines).join("\n"),
  }));
  const instances = await db().endpointInstance.findMany({
    where: { deploymentId: deployment.id },
    include: { host: true },
    orderBy: { startedAt: "asc" },
  });
  const consoles = await Promise.all(
    instances.map(async (instance) => {
      let text = "";
      if (instance.host && instance.containerId) {
        const raw = await dockerFor(instance.host)
          .getContainer(instance.containerId)
          .logs({ stdout: true, stderr: true, tail: lines, timestamps: true })
          .catch(() => null);
        if (raw)
          text = new DockerLogFrameParser()
            .push(raw as unknown as Buffer)
            .map((f) => f.text)
            .join("");
      }
      return { instanceId: instance.id, generation: instance.generation, state: instance.state as string, text };
    }),
  );
  return [...builds, ...consoles];
}
