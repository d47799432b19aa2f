import { createWriteStream, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { extract } from "tar-stream";
import type { ApiClient } from "./api-client";
import { UsageError } from "./config";

/** A file written under a temp name and renamed, so an interrupted download leaves no half file. */
async function writeFileFrom(stream: Readable, target: string): Promise<void> {
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.part`;
  try {
    await pipeline(stream, createWriteStream(temp));
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function inside(root: string, relative: string): string {
  const target = path.resolve(root, relative);
  if (!target.startsWith(path.resolve(root) + path.sep))
    throw new UsageError(`Refusing to write outside ${root}: ${relative}`);
  return target;
}

/** Downloads a version into `to`: its one file as itself, a folder's files under their paths. */
export async function downloadData(api: ApiClient, downloadPath: string, to: string): Promise<number> {
  const response = await api.download(downloadPath);
  const body = Readable.fromWeb(response.body! as never);
  if (response.headers.get("content-type") !== "application/x-tar") {
    const disposition = response.headers.get("content-disposition") ?? "";
    const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? "data");
    await writeFileFrom(body, inside(to, name));
    return 1;
  }
  let count = 0;
  const entries = extract();
  entries.on("entry", (header, stream, next) => {
    if (header.type !== "file") {
      stream.resume();
      stream.on("end", next);
      return;
    }
    writeFileFrom(Readable.from(stream), inside(to, header.name)).then(
      () => {
        count++;
        next();
      },
      (error: Error) => entries.destroy(error),
    );
  });
  await pipeline(body, entries);
  return count;
}
