import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { fileDownload, tarDownload } from "@/server/http/download-response";
import { errorResponse } from "@/server/http/error-response";
import { modelRefOf, ZModelVersionAddress } from "@/server/services/models/model-ref";
import { openModelFile, packModelVersion } from "@/server/services/models/model-version-files";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspaceId: string; name: string; version: string }> };

/** A version's bytes, streamed: `?path=` one file, otherwise the whole folder as a tar. */
export async function GET(req: Request, { params }: TParams) {
  try {
    const { workspaceId, ...address } = await params;
    await authorizeWorkspaceRequest(req, workspaceId, "model:read");
    const ref = modelRefOf(
      ZModelVersionAddress.parse({ name: decodeURIComponent(address.name), version: address.version }),
    );
    const path = new URL(req.url).searchParams.get("path");
    if (path !== null) {
      return fileDownload(await openModelFile(workspaceId, ref, path));
    }
    return tarDownload(await packModelVersion(workspaceId, ref));
  } catch (error) {
    return errorResponse(error);
  }
}
