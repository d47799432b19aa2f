import { Readable } from "node:stream";
import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { errorResponse } from "@/server/http/error-response";
import { openDataFile } from "@/server/services/data/open-data-file";
import { packDataVersion } from "@/server/services/data/pack-data-version";
import { findDataVersion } from "@/server/services/data/find-data-version";
import { refOf, ZVersionAddress } from "@/server/services/data/data-version-ref";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspaceId: string; name: string; version: string }> };

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

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
      const file = await openDataFile(workspaceId, ref, path);
      return new Response(Readable.toWeb(file.stream) as ReadableStream, {
        headers: {
          "content-type": "application/octet-stream",
          "content-length": String(file.size),
          "content-disposition": attachment(file.path.split("/").at(-1)!),
          etag: `"${file.sha256}"`,
        },
      });
    }
    const archive = await packDataVersion(workspaceId, ref);
    return new Response(Readable.toWeb(archive.stream) as ReadableStream, {
      headers: { "content-type": "application/x-tar", "content-disposition": attachment(archive.name) },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
