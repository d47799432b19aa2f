import { db } from "../../db";
import { AppError } from "../../errors";

/** An open upload session of the workspace, with its files in order; an expired one is gone. */
export async function findUploadSession(workspaceId: string, uploadId: string) {
  const session = await db().dataUploadSession.findFirst({
    where: { id: uploadId, workspaceId, expiresAt: { gt: new Date() } },
    include: { files: { orderBy: { index: "asc" } } },
  });
  if (!session) throw new AppError("NOT_FOUND", `Upload ${uploadId} not found (finished, expired or never started)`);
  return session;
}

export type TUploadSession = Awaited<ReturnType<typeof findUploadSession>>;

/** What a client needs to resume: for each file, how many bytes the studio has. */
export function describeUploadSession(session: TUploadSession) {
  return {
    uploadId: session.id,
    expiresAt: session.expiresAt,
    files: session.files.map((f) => ({
      index: f.index,
      path: f.path,
      size: Number(f.size),
      received: Number(f.received),
    })),
  };
}
