import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { fileDownload } from "@/server/http/download-response";
import { errorResponse } from "@/server/http/error-response";
import { readBodyStream } from "@/server/http/read-body";
import { openArtifact } from "@/server/services/artifacts/open-artifact";
import { uploadArtifact } from "@/server/services/artifacts/upload-artifact";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspaceId: string; runId: string; path: string[] }> };

/** Download: streamed from the store, never held in memory whole. */
export async function GET(req: Request, { params }: TParams) {
  try {
    const { workspaceId, runId, path } = await params;
    await authorizeWorkspaceRequest(req, workspaceId, "experiment:read", runId);
    const artifact = await openArtifact(workspaceId, runId, path.join("/"));
    return fileDownload(artifact);
  } catch (error) {
    return errorResponse(error);
  }
}

/** Upload: the request body is streamed to a temp file (within the route's limit) and moved into place. */
export async function PUT(req: Request, { params }: TParams) {
  try {
    const body = readBodyStream(req);
    const { workspaceId, runId, path } = await params;
    await authorizeWorkspaceRequest(req, workspaceId, "artifact:write", runId);
    const stored = await uploadArtifact(workspaceId, runId, path.join("/"), body);
    return Response.json(stored);
  } catch (error) {
    return errorResponse(error);
  }
}
