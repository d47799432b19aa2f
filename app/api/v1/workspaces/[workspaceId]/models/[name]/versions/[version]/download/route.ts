import { Readable } from "node:stream";
import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { errorResponse } from "@/server/http/error-response";
import { modelRefOf, ZModelVersionAddress } from "@/server/services/models/model-ref";
import { openModelFile, packModelVersion } from "@/server/services/models/model-version-files";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspaceId: string; name: string; version: string }> };

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

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
      const file = await openModelFile(workspaceId, ref, path);
      return new Response(Readable.toWeb(file.stream) as ReadableStream, {
        headers: {
          "content-type": "application/octet-stream",
          "content-length": String(file.size),
          "content-disposition": attachment(file.path.split("/").at(-1)!),
          etag: `"${file.sha256}"`,
        },
      });
    }
    const archive = await packModelVersion(workspaceId, ref);
    return new Response(Readable.toWeb(archive.stream) as ReadableStream, {
      headers: { "content-type": "application/x-tar", "content-disposition": attachment(archive.name) },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
