import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { authorizeWorkspaceRequest, errorResponse } from "@/server/auth/authorize-request";
import { AppError } from "@/server/errors";
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
    const name = artifact.path.split("/").at(-1) ?? "artifact";
    return new Response(Readable.toWeb(artifact.stream) as ReadableStream, {
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(artifact.size),
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        etag: `"${artifact.sha256}"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Upload: the request body is streamed to a temp file and moved into place. */
export async function PUT(req: Request, { params }: TParams) {
  try {
    const { workspaceId, runId, path } = await params;
    await authorizeWorkspaceRequest(req, workspaceId, "artifact:write", runId);
    if (!req.body) throw new AppError("BAD_REQUEST", "Request body is empty");
    const stored = await uploadArtifact(workspaceId, runId, path.join("/"), Readable.fromWeb(req.body as WebReadableStream));
    return Response.json(stored);
  } catch (error) {
    return errorResponse(error);
  }
}
