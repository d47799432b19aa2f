import { Readable } from "node:stream";
import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { errorResponse } from "@/server/http/error-response";
import { readBodyStream } from "@/server/http/read-body";
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
      headers: {
        "content-type": "application/gzip",
        "content-disposition": `attachment; filename="snapshot-${runId}.tar.gz"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Upload the snapshot: a .tar.gz of the source folder, unpacked under snapshot/ in the run's artifacts. */
export async function PUT(req: Request, { params }: TParams) {
  try {
    const body = readBodyStream(req);
    const { workspaceId, runId } = await params;
    await authorizeWorkspaceRequest(req, workspaceId, "artifact:write", runId);
    const stored = await storeSnapshot(workspaceId, runId, body);
    await releaseJobAfterSnapshot(runId);
    return Response.json(stored);
  } catch (error) {
    return errorResponse(error);
  }
}
