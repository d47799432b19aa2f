import { Readable } from "node:stream";
import { writeUploadChunk } from "../../server/services/data/write-upload-chunk";
import type { callerFor } from "./actors";

type TCaller = ReturnType<typeof callerFor>;

/** Creates a data version the way clients do: an upload session, each file's bytes, then the commit. */
export async function uploadDataVersion(
  caller: TCaller,
  workspaceId: string,
  target: { name: string; type?: "uri_file" | "uri_folder" | "table" },
  files: Record<string, string | Buffer>,
) {
  const session = await caller.data.createUpload({
    workspaceId,
    ...target,
    files: Object.entries(files).map(([p, c]) => ({ path: p, size: Buffer.byteLength(c) })),
  });
  const contents = Object.values(files);
  for (const f of session.files) {
    const content = Buffer.from(contents[f.index]!);
    if (content.length > 0) await writeUploadChunk(workspaceId, session.uploadId, f.index, 0, Readable.from([content]));
  }
  return caller.data.commitUpload({ workspaceId, uploadId: session.uploadId });
}
