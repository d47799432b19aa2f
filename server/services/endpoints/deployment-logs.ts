import { db } from "../../db";
import { dockerFor } from "../../docker/docker-client";
import { DockerLogFrameParser } from "../../worker/docker-log-frames";
import { findOnlineDeployment } from "./find-online-deployment";

/** The last `lines` console lines of each of a deployment's instances, as `online-deployment logs` prints them. */
export async function deploymentLogs(workspaceId: string, endpointName: string, name: string, lines: number) {
  const { deployment } = await findOnlineDeployment(workspaceId, endpointName, name);
  const instances = await db().endpointInstance.findMany({
    where: { deploymentId: deployment.id },
    include: { host: true },
    orderBy: { startedAt: "asc" },
  });
  return Promise.all(
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
      return { instanceId: instance.id, generation: instance.generation, state: instance.state, text };
    }),
  );
}
