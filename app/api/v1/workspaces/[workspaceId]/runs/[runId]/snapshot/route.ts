import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { authorizeWorkspaceRequest, errorResponse } from "@/server/auth/authorize-request";
import { AppError } from "@/server/errors";
import { packSnapshot } from "@/server/services/artifacts/pack-snapshot";
import { storeSnapshot } from "@/server/services/artifacts/store-snapshot";
import { releaseJobAfterSnapshot } from "@/server/jobs/release-job";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspaceId: string; runId: string }> };

/** The code snapshot as a .tar.gz. */
export async function GET(req: Request, { params }: TParams) {
  try {
    const { workspaceId, runId } = await params;
    await authorizeWorkspaceRequest(req, workspaceId, "experiment:read", runId);
    const archive = await packSnapshot(workspaceId, runId);
    return new Response(Readable.toWeb(archive) as ReadableStream, {
      headers: { "content-type": "application/gzip", "content-disposition": `attachment; filename="snapshot-${runId}.tar.gz"` },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Upload the snapshot: a .tar.gz of the source folder, unpacked under snapshot/ in the run's artifacts. */
export async function PUT(req: Request, { params }: TParams) {
  try {
    const { workspaceId, runId } = await params;
    await authorizeWorkspaceRequest(req, workspaceId, "artifact:write", runId);
    if (!req.body) throw new AppError("BAD_REQUEST", "Request body is empty");
    const stored = await storeSnapshot(workspaceId, runId, Readable.fromWeb(req.body as WebReadableStream));
    await releaseJobAfterSnapshot(runId);
    return Response.json(stored);
  } catch (error) {
    return errorResponse(error);
  }
}
