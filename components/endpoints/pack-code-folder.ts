import { pack } from "tar-stream";

export type TCodeFile = { path: string; content: Uint8Array };

function toBase64(bytes: Uint8Array): string {
  // String.fromCharCode takes its arguments on the stack: feed it slices, not the whole archive.
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * A scoring folder as createDeployment takes it: a base64 .tar.gz, packed in the browser with the
 * same tar library the server unpacks it with, gzipped by the browser's own CompressionStream.
 */
export async function packCodeFolder(files: readonly TCodeFile[]): Promise<string> {
  const archive = pack();
  const chunks: Uint8Array[] = [];
  archive.on("data", (chunk: unknown) => chunks.push(chunk as Uint8Array));
  const ended = new Promise<void>((resolve, reject) => {
    archive.on("end", () => resolve());
    archive.on("error", reject);
  });
  for (const file of files) archive.entry({ name: file.path, mode: 0o644 }, file.content);
  archive.finalize();
  await ended;
  const tar = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    tar.set(chunk, offset);
    offset += chunk.length;
  }
  return toBase64(await gzip(tar));
}
