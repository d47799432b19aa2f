import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type Docker from "dockerode";
import { pack } from "tar-stream";
import { db } from "../../db";
import { blobLocations } from "../../services/data/blob-locations";
import { packStoredFiles } from "../../services/data/pack-stored-files";
import type { TStoredCode } from "../../services/endpoints/endpoint-views";
import { JOB_USER } from "../container-config";

const ROOT = { uid: 0, gid: 0 };
const [uid, gid] = JOB_USER.split(":").map(Number) as [number, number];

/** The scoring server's files, copied into every instance (instance-relay.py only where there is no shared folder). */
export const SERVER_FILES = ["scoring-server.py", "instance-relay.py"].map((name) => ({
  name,
  source: path.resolve("server", "endpoints", name),
}));

/**
 * An instance's files copied into its created container, for an engine on another machine, where
 * no folder of this one can be mounted: the scoring server, the deployment's code and the model
 * under /crucible, read-only and root's, and /crucible/run, where the container's user creates
 * its socket.
 */
export async function putInstanceFiles(
  container: Docker.Container,
  code: TStoredCode | null,
  model: { workspaceId: string; versionId: string },
): Promise<void> {
  const layout = pack();
  const folder = (name: string, mode = 0o755, owner = ROOT) =>
    layout.entry({ name: `${name}/`, type: "directory", mode, ...owner });
  const file = (name: string, content: Buffer | string) => layout.entry({ name, mode: 0o644, ...ROOT }, content);
  folder("crucible");
  folder("crucible/server");
  for (const server of SERVER_FILES) file(`crucible/server/${server.name}`, await fs.readFile(server.source));
  folder("crucible/code");
  const made = new Set<string>();
  for (const [name, text] of Object.entries(code?.files ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const parts = path.posix.normalize(name).split("/");
    if (parts.some((p) => p === ".." || p === "") || path.posix.isAbsolute(name))
      throw new Error(`Code path escapes its folder: ${name}`);
    for (let i = 1; i < parts.length; i++) {
      const dir = `crucible/code/${parts.slice(0, i).join("/")}`;
      if (!made.has(dir)) folder(dir);
      made.add(dir);
    }
    file(`crucible/code/${parts.join("/")}`, text);
  }
  folder("crucible/model", 0o555);
  folder("crucible/run", 0o700, { uid, gid });
  layout.finalize();
  await container.putArchive(layout as unknown as NodeJS.ReadableStream, { path: "/" });

  const files = await db().modelVersionFile.findMany({
    where: { versionId: model.versionId },
    orderBy: { path: "asc" },
  });
  const packed = await packStoredFiles(await blobLocations(model.workspaceId, files), {
    owner: ROOT,
    isReadOnly: true,
  });
  await container.putArchive(packed as unknown as NodeJS.ReadableStream, { path: "/crucible/model" });
}
