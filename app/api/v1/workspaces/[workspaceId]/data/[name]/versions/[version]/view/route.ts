import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { AppError } from "@/server/errors";
import { inlineFile } from "@/server/http/download-response";
import { errorResponse } from "@/server/http/error-response";
import { dataContentType } from "@/server/services/data/data-content-type";
import { refOf, ZVersionAddress } from "@/server/services/data/data-version-ref";
import { openDataFile } from "@/server/services/data/open-data-file";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspaceId: string; name: string; version: string }> };

/** One file of a version, `?path=`, streamed from the datastore so the studio can show it in place. */
export async function GET(req: Request, { params }: TParams) {
  try {
    const { workspaceId, ...address } = await params;
    await authorizeWorkspaceRequest(req, workspaceId, "data:read");
    const ref = refOf(ZVersionAddress.parse({ name: decodeURIComponent(address.name), version: address.version }));
    const path = new URL(req.url).searchParams.get("path");
    if (!path) throw new AppError("BAD_REQUEST", "path: name the file to view, ?path=…");
    const file = await openDataFile(workspaceId, ref, path);
    return inlineFile(req, file, dataContentType(file.path));
  } catch (error) {
    return errorResponse(error);
  }
}
