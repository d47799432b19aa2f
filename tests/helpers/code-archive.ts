import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";

/** A tar of the files given, name to content. */
export async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const archive = pack();
  for (const [name, content] of Object.entries(files)) archive.entry({ name }, content);
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A code folder as the CLI sends it: a base64 .tar.gz. */
export async function codeArchive(files: Record<string, string>): Promise<string> {
  return gzipSync(await tarOf(files)).toString("base64");
}
