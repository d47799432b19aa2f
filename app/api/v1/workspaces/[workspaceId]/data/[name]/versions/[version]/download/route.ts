import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { fileDownload, tarDownload } from "@/server/http/download-response";
import { errorResponse } from "@/server/http/error-response";
import { openDataFile } from "@/server/services/data/open-data-file";
import { packDataVersion } from "@/server/services/data/pack-data-version";
import { findDataVersion } from "@/server/services/data/find-data-version";
import { refOf, ZVersionAddress } from "@/server/services/data/data-version-ref";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspaceId: string; name: string; version: string }> };

/**
 * A version's bytes, streamed: `?path=` one file, a version of one file that file, any other the
 * whole folder as a tar.
 */
export async function GET(req: Request, { params }: TParams) {
  try {
    const { workspaceId, ...address } = await params;
    await authorizeWorkspaceRequest(req, workspaceId, "data:read");
    const ref = refOf(ZVersionAddress.parse({ name: decodeURIComponent(address.name), version: address.version }));
    const path = new URL(req.url).searchParams.get("path") ?? undefined;
    const { version } = await findDataVersion(workspaceId, ref);
    if (path !== undefined || version.fileCount === 1) {
      return fileDownload(await openDataFile(workspaceId, ref, path));
    }
    return tarDownload(await packDataVersion(workspaceId, ref));
  } catch (error) {
    return errorResponse(error);
  }
}
