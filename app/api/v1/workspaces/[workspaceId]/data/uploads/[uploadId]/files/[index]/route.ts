import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http/error-response";
import { readBodyStream } from "@/server/http/read-body";
import { writeUploadChunk } from "@/server/services/data/write-upload-chunk";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspaceId: string; uploadId: string; index: string }> };

/** One chunk of an upload session's file, at `?offset=N`: streamed to disk within the chunk limit. */
export async function PUT(req: Request, { params }: TParams) {
  try {
    const body = readBodyStream(req);
    const { workspaceId, uploadId, index } = await params;
    await authorizeWorkspaceRequest(req, workspaceId, "data:write");
    const offset = new URL(req.url).searchParams.get("offset") ?? "";
    if (!/^\d{1,15}$/.test(offset)) throw new AppError("BAD_REQUEST", "offset: give the chunk's first byte, ?offset=N");
    if (!/^\d{1,6}$/.test(index)) throw new AppError("BAD_REQUEST", "index: a file's number in the upload");
    return Response.json(await writeUploadChunk(workspaceId, uploadId, Number(index), Number(offset), body));
  } catch (error) {
    return errorResponse(error);
  }
}
