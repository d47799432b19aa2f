import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../errors";
import type { ArtifactStore, TStoredObject } from "./artifact-store";

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** Filesystem refusals that are the caller's doing, in the API's words rather than a 500. */
function pathError(error: unknown, key: string): unknown {
  const code = errorCode(error);
  if (code === "ENAMETOOLONG") return new AppError("BAD_REQUEST", "An artifact path part is longer than 255 bytes");
  if (code === "EISDIR" || code === "ENOTDIR" || code === "EEXIST" || code === "ENOTEMPTY") {
    return new AppError(
      "CONFLICT",
      `'${key.split("/").slice(2).join("/")}' collides with a file or folder of the same name`,
    );
  }
  return error;
}

export class LocalArtifactStore implements ArtifactStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    const target = path.resolve(this.root, key);
    if (!target.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`Key escapes the store: ${key}`);
    return target;
  }

  private async tmpName(): Promise<string> {
    const tmpDir = path.join(this.root, ".tmp");
    await fsp.mkdir(tmpDir, { recursive: true });
    return path.join(tmpDir, randomUUID());
  }

  async write(key: string, body: Readable): Promise<TStoredObject> {
    const target = this.file(key);
    const tmp = await this.tmpName();
    const hash = createHash("sha256");
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, fs.createWriteStream(tmp, { flags: "wx" }));
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.rename(tmp, target);
    } catch (error) {
      await fsp.rm(tmp, { force: true });
      throw pathError(error, key);
    }
    return { size, sha256: hash.digest("hex") };
  }

  async read(key: string) {
    const file = this.file(key);
    const stat = await fsp.stat(file).catch(() => null);
    if (!stat?.isFile()) return null;
    return { stream: fs.createReadStream(file), size: stat.size };
  }

  async stat(key: string) {
    const stat = await fsp.stat(this.file(key)).catch(() => null);
    return stat?.isFile() ? { size: stat.size } : null;
  }

  async replacePrefix(from: string, to: string): Promise<void> {
    const source = this.file(from);
    const target = this.file(to);
    await fsp.mkdir(source, { recursive: true }); // an empty set replaces too
    // Two renames on one filesystem: the old folder steps aside, the new one takes its name.
    const old = await this.tmpName();
    const hasOld = await fsp.rename(target, old).then(
      () => true,
      (error: unknown) => {
        if (errorCode(error) === "ENOENT") return false;
        throw error;
      },
    );
    try {
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.rename(source, target);
    } catch (error) {
      if (hasOld) await fsp.rename(old, target);
      throw error;
    }
    if (hasOld) await fsp.rm(old, { recursive: true, force: true });
  }

  async removePrefix(prefix: string): Promise<void> {
    await fsp.rm(this.file(prefix), { recursive: true, force: true });
  }
}
