import "server-only";
import type Docker from "dockerode";
import { pack } from "tar-stream";
import { db } from "../db";
import { INPUTS_DIR, OUTPUTS_DIR } from "../jobs/job-spec";
import { packDataVersion, type TPackOptions } from "../services/data/pack-data-version";
import { packModelVersion } from "../services/models/model-version-files";
import type { RunLogWriter } from "./run-log-writer";

/**
 * The job's data and model inputs under /crucible/inputs/<name> and empty folders for its declared outputs
 * under /crucible/outputs/<name>. Inputs are copied in, not bind-mounted, so they reach a job on
 * any host (TCP or SSH too) and a job sees no path of the host: `ro_mount` files belong to root and
 * are read-only, `download` files belong to the job's user.
 */
export async function putJobData(
  container: Docker.Container,
  workspaceId: string,
  runId: string,
  user: string,
  outputNames: string[],
  log: RunLogWriter,
): Promise<void> {
  const links = await db().runDataLink.findMany({
    where: { runId, direction: "input" },
    include: { version: { include: { asset: { select: { name: true } } } } },
    orderBy: { name: "asc" },
  });
  const models = await db().runModelInput.findMany({
    where: { runId },
    include: { version: { include: { model: { select: { name: true } } } } },
    orderBy: { name: "asc" },
  });
  if (links.length === 0 && models.length === 0 && outputNames.length === 0) return;
  const [uid, gid] = user.split(":").map(Number) as [number, number];
  const jobUser = { uid, gid: gid ?? uid };
  const root = { uid: 0, gid: 0 };
  const layout = pack();
  layout.entry({ name: `${INPUTS_DIR.slice(1)}/`, type: "directory", mode: 0o755, ...root });
  for (const link of [...links, ...models]) {
    const owner = link.mode === "download" ? jobUser : root;
    layout.entry({ name: `${INPUTS_DIR.slice(1)}/${link.name}/`, type: "directory", mode: 0o755, ...owner });
  }
  for (const name of outputNames)
    layout.entry({ name: `${OUTPUTS_DIR.slice(1)}/${name}/`, type: "directory", mode: 0o755, ...jobUser });
  layout.finalize();
  await container.putArchive(layout as unknown as NodeJS.ReadableStream, { path: "/" });

  const inputs = [
    ...links.map((l) => {
      const ref = `${l.version.asset.name}:${l.version.version}`;
      return {
        name: l.name,
        mode: l.mode,
        label: ref,
        pack: (o: TPackOptions) => packDataVersion(workspaceId, ref, o),
      };
    }),
    // The version pinned at submission, by number: an alias moved since does not reach this job.
    ...models.map((m) => {
      const ref = `${m.version.model.name}:${m.version.version}`;
      return {
        name: m.name,
        mode: m.mode,
        label: `model ${ref}`,
        pack: (o: TPackOptions) => packModelVersion(workspaceId, ref, o),
      };
    }),
  ];
  for (const input of inputs) {
    const isReadOnly = input.mode !== "download";
    const packed = await input.pack({ owner: isReadOnly ? root : jobUser, isReadOnly });
    await container.putArchive(packed.stream as unknown as NodeJS.ReadableStream, {
      path: `${INPUTS_DIR}/${input.name}`,
    });
    log.system(
      `Input '${input.name}': ${input.label}, ${packed.fileCount} file(s), ${packed.totalSize.toLocaleString("en")} bytes, ${isReadOnly ? "read-only" : "a writable copy"} at ${INPUTS_DIR}/${input.name}`,
    );
  }
}
