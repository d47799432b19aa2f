import "server-only";
import type Docker from "dockerode";
import { pack } from "tar-stream";
import { db } from "../db";
import { environmentHash, imageTag, renderDockerfile, type TEnvironmentSpec } from "../services/environments/environment-spec";
import type { RunLogWriter } from "./run-log-writer";

export class BuildError extends Error {}

// One build per image at a time in this process; concurrent runs needing it wait for the same one.
const building = new Map<string, Promise<void>>();

/**
 * The environment's image on this host, built on first use and reused after (the tag is the
 * spec's hash). The build log goes into the run's console and into the build record.
 */
export async function ensureImage(docker: Docker, hostId: string, spec: TEnvironmentSpec, runId: string, log: RunLogWriter): Promise<string> {
  const hash = environmentHash(spec);
  const tag = imageTag(hash);
  if (await hasImage(docker, tag)) {
    log.system(`Environment image ${tag} is cached on this host`);
    return tag;
  }
  const key = `${hostId}:${tag}`;
  let pending = building.get(key);
  if (!pending) {
    pending = build(docker, hostId, spec, hash, tag, runId, log).finally(() => building.delete(key));
    building.set(key, pending);
  } else {
    log.system(`Waiting for the build of ${tag} another run started`);
  }
  await pending;
  return tag;
}

async function hasImage(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

async function build(docker: Docker, hostId: string, spec: TEnvironmentSpec, hash: string, tag: string, runId: string, log: RunLogWriter): Promise<void> {
  if (!(await hasImage(docker, spec.image))) {
    throw new BuildError(`Base image ${spec.image} is not on this host, and images are never pulled from a registry; build or load it there first (scripts/build-base-image.sh makes crucible-base:bookworm)`);
  }
  const record = await db().environmentBuild.create({ data: { hash, hostId, runId } });
  const dockerfile = renderDockerfile(spec, hash);
  log.system(`Building environment image ${tag}`);
  let text = `Dockerfile:\n${dockerfile}\n`;
  const emit = (line: string) => {
    text += line;
    log.write("system", line);
  };
  try {
    const context = pack();
    context.entry({ name: "Dockerfile" }, dockerfile);
    if (spec.python_requirements.length > 0) context.entry({ name: "requirements.txt" }, `${spec.python_requirements.join("\n")}\n`);
    context.finalize();
    const stream = await docker.buildImage(context as unknown as NodeJS.ReadableStream, { t: tag, networkmode: "host", rm: true, forcerm: true, labels: { "crucible.environment-hash": hash } });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream,
        (error: Error | null, output: { error?: string; errorDetail?: { message?: string } }[]) => {
          const failed = error?.message ?? output.find((o) => o.error)?.error;
          if (failed) reject(new BuildError(`Image build failed: ${failed.trim()}`));
          else resolve();
        },
        (event: { stream?: string; status?: string; error?: string }) => {
          if (event.stream) emit(event.stream);
          else if (event.status) emit(`${event.status}\n`);
          else if (event.error) emit(`${event.error}\n`);
        },
      );
    });
    await db().environmentBuild.update({ where: { id: record.id }, data: { status: "Succeeded", log: text, endedAt: new Date() } });
    log.system(`Built ${tag}`);
  } catch (error) {
    await db().environmentBuild.update({ where: { id: record.id }, data: { status: "Failed", log: `${text}\n${(error as Error).message}`, endedAt: new Date() } });
    // Only a failing Dockerfile is the user's error; an engine that cannot be reached is retried.
    throw error;
  }
}
