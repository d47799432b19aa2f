import "server-only";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { env } from "../../env";

// A unix socket's path may be at most 107 bytes long: socket folders get short names, and move to
// the temp folder when the studio's home is deep.
const MAX_SOCKET_PATH = 100;

const short = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** The folder of this machine an instance's container creates `score.sock` in. */
export function socketDirFor(instanceId: string): string {
  const home = env().crucibleHome;
  const inHome = path.join(home, "sock", short(instanceId));
  if (path.join(inHome, "score.sock").length <= MAX_SOCKET_PATH) return inHome;
  return path.join(os.tmpdir(), `crucible-sock-${short(home).slice(0, 8)}`, short(instanceId));
}

/** Where an instance's scoring server and code are laid out, mounted read-only. */
export function instanceDirFor(instanceId: string): string {
  return path.join(env().crucibleHome, "endpoint-instances", instanceId);
}

/** A model version's files on this machine, shared read-only by every instance serving it. */
export function modelDirFor(versionId: string): string {
  return path.join(env().crucibleHome, "endpoint-models", versionId);
}
