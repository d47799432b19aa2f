import "server-only";
import { Readable } from "node:stream";
import { findModelVersionById } from "../services/models/find-model";
import { listModelEntries, openModelFile } from "../services/models/model-version-files";
import { mlflowResponse } from "./dispatch";
import { authorizeMlflow, type TMlflowContext } from "./mlflow-context";

/** GET on `registry/<version id>/<file>`: a listing when `isListing` (the `?path=` form), else the file. */
export async function serveRegistryArtifact(ctx: TMlflowContext, path: string, isListing: boolean): Promise<Response> {
  await authorizeMlflow(ctx, "model:read");
  const [, versionId = "", ...rest] = path.replace(/^\/+/, "").split("/");
  const { ref } = await findModelVersionById(ctx.workspaceId, versionId);
  const file = rest.join("/");
  if (isListing) {
    const entries = await listModelEntries(ctx.workspaceId, ref, file);
    return mlflowResponse(200, {
      files: entries.map((e) => {
        const name = file ? e.path.slice(file.length + 1) || e.path.split("/").at(-1)! : e.path;
        return e.isDir ? { path: name, is_dir: true } : { path: name, is_dir: false, file_size: e.size };
      }),
    });
  }
  const opened = await openModelFile(ctx.workspaceId, ref, file);
  return new Response(Readable.toWeb(opened.stream) as ReadableStream, {
    headers: { "content-type": "application/octet-stream", "content-length": String(opened.size) },
  });
}
