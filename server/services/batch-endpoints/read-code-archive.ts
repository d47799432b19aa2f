import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { AppError } from "../../errors";
import { normaliseArtifactPath } from "../../storage/artifact-path";
import { unpackTar } from "../artifacts/unpack-tar";
import { MAX_CODE_ARCHIVE_BYTES } from "./batch-deployment-settings";

export type TCodeFile = { path: string; content: Buffer };

/** A deployment's code folder, unpacked in memory; refused when it is not a .tar.gz or lacks the scoring script. */
export async function readCodeArchive(archive: Buffer, scoringScript: string): Promise<TCodeFile[]> {
  const files: TCodeFile[] = [];
  try {
    await unpackTar(Readable.from([archive]).pipe(createGunzip()), {
      maxBytes: 4 * MAX_CODE_ARCHIVE_BYTES,
      toPath: (name) => normaliseArtifactPath(name),
      write: async (path, stream) => {
        const parts: Buffer[] = [];
        for await (const chunk of stream) parts.push(Buffer.from(chunk as Uint8Array));
        const content = Buffer.concat(parts);
        files.push({ path, content });
        return { size: content.length, sha256: "" };
      },
      tooLarge: (max) => `The code folder holds more than ${Math.round(max / 1024 / 1024)} MiB`,
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("BAD_REQUEST", `code: not a readable .tar.gz archive: ${(error as Error).message}`);
  }
  const script = normaliseArtifactPath(scoringScript);
  if (!files.some((f) => f.path === script)) {
    const listed = files
      .map((f) => f.path)
      .slice(0, 10)
      .join(", ");
    throw new AppError(
      "BAD_REQUEST",
      `code_configuration.scoring_script: '${scoringScript}' is not in the code folder (it holds ${listed || "no files"})`,
    );
  }
  return files;
}
