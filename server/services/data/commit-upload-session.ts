import fsp from "node:fs/promises";
import type { TActor } from "../../audit/record-audit-event";
import { AppError } from "../../errors";
import { ZDataVersionTarget } from "./data-asset-input";
import { createDataVersion } from "./create-data-version";
import { findUploadSession } from "./find-upload-session";
import { storeBlob } from "./store-blob";
import { describeTable } from "./table-definition";
import { uploadFolder, uploadPartFile } from "./upload-folder";
import { versionView } from "./version-view";

/**
 * Turns a fully received upload into the asset's next version: each file goes to the
 * content-addressed store (skipped when its content is already there), then the version and the
 * session's end are recorded in one transaction. Failing anywhere leaves no version and the
 * session as it was, so the commit can be tried again.
 */
export async function commitUploadSession(actor: TActor, workspaceId: string, uploadId: string) {
  const session = await findUploadSession(workspaceId, uploadId);
  const incomplete = session.files.filter((f) => f.received !== f.size);
  if (incomplete.length > 0) {
    const f = incomplete[0]!;
    throw new AppError(
      "CONFLICT",
      `${incomplete.length} file(s) are not fully uploaded; '${f.path}' has ${f.received} of ${f.size} bytes`,
    );
  }
  const target = ZDataVersionTarget.parse(session.target);
  const partOf = new Map(session.files.map((f) => [f.path, uploadPartFile(uploadId, f.index)]));
  const paths = session.files.map((f) => f.path);
  const table = target.type === "table" ? await describeTable(paths, async (p) => partOf.get(p)!) : null;

  let newBytes = 0;
  let storedBytes = 0;
  let newFiles = 0;
  const files = [];
  for (const f of session.files) {
    // A part file can hold bytes past `size` from a chunk sent twice across a crash.
    await fsp.truncate(uploadPartFile(uploadId, f.index), Number(f.size));
    const blob = await storeBlob(workspaceId, uploadPartFile(uploadId, f.index));
    if (blob.isNew) {
      newBytes += blob.size;
      newFiles++;
    } else storedBytes += blob.size;
    files.push({ path: f.path, size: blob.size, sha256: blob.sha256 });
  }
  const { asset, version } = await createDataVersion(actor, workspaceId, {
    target,
    files,
    table,
    alsoInTransaction: async (tx) => {
      const removed = await tx.dataUploadSession.deleteMany({ where: { id: uploadId } });
      if (removed.count === 0) throw new AppError("CONFLICT", `Upload ${uploadId} was already committed`);
    },
  });
  await fsp.rm(uploadFolder(uploadId), { recursive: true, force: true });
  return {
    ...versionView(asset, version),
    upload: { newBytes, alreadyStoredBytes: storedBytes, newFiles, alreadyStoredFiles: files.length - newFiles },
  };
}
