import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { AppError } from "@/server/errors";
import { inlineFile } from "@/server/http/download-response";
import { errorResponse } from "@/server/http/error-response";
import { dataContentType } from "@/server/services/data/data-content-type";
import { modelRefOf, ZModelVersionAddress } from "@/server/services/models/model-ref";
import { openModelFile } from "@/server/services/models/model-version-files";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspaceId: string; name: string; version: string }> };

/** One file of a model version, `?path=`, streamed so the studio can show it in place (a plot, a card). */
export async function GET(req: Request, { params }: TParams) {
  try {
    const { workspaceId, ...address } = await params;
    await authorizeWorkspaceRequest(req, workspaceId, "model:read");
    const ref = modelRefOf(
      ZModelVersionAddress.parse({ name: decodeURIComponent(address.name), version: address.version }),
    );
    const path = new URL(req.url).searchParams.get("path");
    if (!path) throw new AppError("BAD_REQUEST", "path: name the file to view, ?path=…");
    const file = await openModelFile(workspaceId, ref, path);
    return inlineFile(req, file, dataContentType(file.path));
  } catch (error) {
    return errorResponse(error);
  }
}
