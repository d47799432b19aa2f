import { Readable } from "node:stream";
import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { AppError } from "@/server/errors";
import { contentDisposition } from "@/server/http/download-response";
import { errorResponse } from "@/server/http/error-response";
import { dataContentType } from "@/server/services/data/data-content-type";
import { refOf, ZVersionAddress } from "@/server/services/data/data-version-ref";
import { openDataFile } from "@/server/services/data/open-data-file";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspaceId: string; name: string; version: string }> };

/**
 * One file of a version, `?path=`, streamed from the datastore with its content type so the
 * studio can show it in place (image thumbnails, text); sandboxed so it never runs as a page.
 */
export async function GET(req: Request, { params }: TParams) {
  try {
    const { workspaceId, ...address } = await params;
    await authorizeWorkspaceRequest(req, workspaceId, "data:read");
    const ref = refOf(ZVersionAddress.parse({ name: decodeURIComponent(address.name), version: address.version }));
    const path = new URL(req.url).searchParams.get("path");
    if (!path) throw new AppError("BAD_REQUEST", "path: name the file to view, ?path=…");
    const file = await openDataFile(workspaceId, ref, path);
    const etag = `"${file.sha256}"`;
    if (req.headers.get("if-none-match") === etag) {
      file.stream.destroy();
      return new Response(null, { status: 304, headers: { etag } });
    }
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: {
        "content-type": dataContentType(file.path),
        "content-length": String(file.size),
        "content-disposition": contentDisposition("inline", file.path.split("/").at(-1)!),
        "x-content-type-options": "nosniff",
        "content-security-policy": "sandbox; default-src 'none'",
        // A file's bytes never change under its SHA-256; private, as it needs the caller's rights.
        "cache-control": "private, max-age=3600",
        etag,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
