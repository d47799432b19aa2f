import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type Docker from "dockerode";
import {
  BASE_IMAGE,
  environmentHash,
  imageTag,
  pythonRequirements,
  type TEnvironmentSpec,
} from "../../services/environments/environment-spec";
import type { TStoredCode } from "../../services/endpoints/endpoint-views";
import { INSTALLATION_LABEL, isolatedHostConfig, JOB_USER } from "../container-config";
import { installationId } from "../installation-id";
import { instanceDirFor, socketDirFor } from "./instance-paths";
import { closeInstanceTunnel, isLocalEngine, openInstanceTunnel } from "./instance-tunnel";
import { putInstanceFiles, SERVER_FILES } from "./put-instance-files";
import { putModelFiles } from "./put-model-files";

/** Marks an endpoint instance's container: the sweep keeps it while its instance row exists. */
export const ENDPOINT_INSTANCE_LABEL = "crucible.endpoint-instance";

export type TInstancePlan = {
  instanceId: string;
  deploymentName: string;
  /** From instanceImage, or the build of the environment's image. */
  image: string;
  model: { workspaceId: string; versionId: string };
  code: TStoredCode | null;
  limits: { cpu: number; memoryBytes: number };
};

/**
 * The image an environment's instances run on this host: its built image, or the base image itself
 * when the environment adds nothing to it; null when the environment's image is to be built here first.
 */
export async function instanceImage(docker: Docker, spec: TEnvironmentSpec): Promise<string | null> {
  const tag = imageTag(environmentHash(spec));
  if (
    await docker
      .getImage(tag)
      .inspect()
      .then(
        () => true,
        () => false,
      )
  )
    return tag;
  const isPlain =
    spec.os_packages.length === 0 && pythonRequirements(spec).length === 0 && spec.dockerfile_steps.trim() === "";
  if (!isPlain) return null;
  if (
    await docker
      .getImage(spec.image)
      .inspect()
      .then(
        () => true,
        () => false,
      )
  )
    return spec.image;
  throw new Error(`Image ${spec.image} is not on this host (scripts/build-base-image.sh makes ${BASE_IMAGE})`);
}

/**
 * Starts an instance's container: no network, the shared isolation, the scoring server, code and
 * model read-only under /crucible, and a socket the router reaches. On this machine's engine the
 * files are mounted from a folder here and the socket folder is shared; on another machine's they
 * are copied in and the socket is reached through a tunnel (instance-tunnel.ts).
 */
export async function startInstanceContainer(docker: Docker, plan: TInstancePlan): Promise<string> {
  const isLocal = isLocalEngine(docker);
  const container = await docker.createContainer({
    name: `crucible-endpoint-${plan.deploymentName}-${plan.instanceId}`,
    Image: plan.image,
    Cmd: ["python3", "-u", "/crucible/server/scoring-server.py"],
    WorkingDir: "/crucible/code",
    Env: [
      "CRUCIBLE_SOCKET_DIR=/crucible/run",
      "AZUREML_MODEL_DIR=/crucible/model",
      "CRUCIBLE_CODE_DIR=/crucible/code",
      `CRUCIBLE_SCORING_SCRIPT=${plan.code?.scoringScript ?? ""}`,
      "PYTHONDONTWRITEBYTECODE=1",
      "HOME=/tmp",
    ],
    User: JOB_USER,
    Labels: { [INSTALLATION_LABEL]: await installationId(), [ENDPOINT_INSTANCE_LABEL]: plan.instanceId },
    Tty: false,
    HostConfig: {
      ...isolatedHostConfig("none", plan.limits),
      Init: true,
      Binds: isLocal ? await layOutLocally(plan) : [],
    },
  });
  if (!isLocal) await putInstanceFiles(container, plan.code, plan.model);
  await container.start();
  if (!isLocal) await openInstanceTunnel(docker, plan.instanceId, container.id);
  return container.id;
}

/** The instance's folders on this machine, and their mounts. */
async function layOutLocally(plan: TInstancePlan): Promise<string[]> {
  const modelDir = await putModelFiles(plan.model.workspaceId, plan.model.versionId);
  const socketDir = socketDirFor(plan.instanceId);
  const instanceDir = instanceDirFor(plan.instanceId);
  await fs.rm(socketDir, { recursive: true, force: true });
  await fs.mkdir(socketDir, { recursive: true });
  // The container's user creates the socket; nobody else on the machine needs to see the folder's names.
  await fs.chmod(socketDir, 0o733);
  const serverDir = path.join(instanceDir, "server");
  await fs.mkdir(serverDir, { recursive: true, mode: 0o755 });
  for (const server of SERVER_FILES) {
    await fs.copyFile(server.source, path.join(serverDir, server.name));
    await fs.chmod(path.join(serverDir, server.name), 0o644);
  }
  const codeDir = path.join(instanceDir, "code");
  await fs.mkdir(codeDir, { recursive: true, mode: 0o755 });
  for (const [file, text] of Object.entries(plan.code?.files ?? {})) {
    const target = path.join(codeDir, file);
    if (!target.startsWith(codeDir + path.sep)) throw new Error(`Code path escapes its folder: ${file}`);
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    await fs.writeFile(target, text, { mode: 0o644 });
  }
  return [
    `${modelDir}:/crucible/model:ro`,
    `${serverDir}:/crucible/server:ro`,
    `${codeDir}:/crucible/code:ro`,
    `${socketDir}:/crucible/run:rw`,
  ];
}

/** Stops and removes an instance's container and its folders; missing ones are fine. */
export async function removeInstanceContainer(docker: Docker | null, instanceId: string, containerId: string | null) {
  closeInstanceTunnel(instanceId);
  if (docker && containerId)
    await docker
      .getContainer(containerId)
      .remove({ force: true })
      .catch(() => undefined);
  await fs.rm(socketDirFor(instanceId), { recursive: true, force: true });
  await fs.rm(instanceDirFor(instanceId), { recursive: true, force: true });
}
