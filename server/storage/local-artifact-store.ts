import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ArtifactStore, TStoredObject } from "./artifact-store";

export class LocalArtifactStore implements ArtifactStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    const target = path.resolve(this.root, key);
    if (!target.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`Key escapes the store: ${key}`);
    return target;
  }

  async write(key: string, body: Readable): Promise<TStoredObject> {
    const target = this.file(key);
    const tmpDir = path.join(this.root, ".tmp");
    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
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
      throw error;
    }
    return { size, sha256: hash.digest("hex") };
  }

  async read(key: string) {
    const file = this.file(key);
    const stat = await fsp.stat(file).catch(() => null);
    if (!stat?.isFile()) return null;
    return { stream: fs.createReadStream(file), size: stat.size };
  }

  async removePrefix(prefix: string): Promise<void> {
    await fsp.rm(this.file(prefix), { recursive: true, force: true });
  }
}
