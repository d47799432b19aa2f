import "server-only";
import { Readable } from "node:stream";
import { readBodyStream } from "../http/read-body";
import { listArtifacts } from "../services/artifacts/list-artifacts";
import { openArtifact } from "../services/artifacts/open-artifact";
import { uploadArtifact } from "../services/artifacts/upload-artifact";
import { findRun } from "../services/runs/find-run";
import { mlflowErrorResponse, mlflowResponse } from "./dispatch";
import { authorizeMlflow, resolveMlflowContext } from "./mlflow-context";
import { MlflowError } from "./mlflow-error";
import { isRegistryArtifactPath } from "./registry-artifact-uri";
import { serveRegistryArtifact } from "./registry-artifacts";

/** `<experiment>/<run>/artifacts/<file>`, the path under an artifact_uri of `mlflow-artifacts:/<experiment>/<run>/artifacts`. */
function splitPath(path: string) {
  const m = /^([^/]+)\/([^/]+)\/artifacts(?:\/(.*))?$/.exec(path.replace(/^\/+/, ""));
  if (!m)
    throw new MlflowError(
      "INVALID_PARAMETER_VALUE",
      `Artifact path '${path}' is not '<experiment_id>/<run_id>/artifacts/<file>'`,
    );
  return { experimentId: m[1]!, runId: m[2]!, file: m[3] ?? "" };
}

/**
 * MLflow's proxied artifact service (`mlflow-artifacts`): GET downloads a file (or lists a
 * folder when given `?path=`), PUT uploads one, streamed both ways.
 */
export async function handleMlflowArtifacts(req: Request, workspaceRef: string, segments: string[]): Promise<Response> {
  try {
    const upload = req.method === "PUT" ? readBodyStream(req) : null;
    const ctx = await resolveMlflowContext(req.headers, workspaceRef);
    const listPath = new URL(req.url).searchParams.get("path");
    if (req.method === "GET" && isRegistryArtifactPath(segments.length === 0 ? (listPath ?? "") : segments.join("/")))
      return await serveRegistryArtifact(
        ctx,
        segments.length === 0 ? listPath! : segments.join("/"),
        segments.length === 0,
      );
    if (req.method === "GET" && segments.length === 0) {
      const { runId, file } = splitPath(listPath ?? "");
      await authorizeMlflow(ctx, "experiment:read", runId);
      const entries = await listArtifacts(ctx.workspaceId, runId, file);
      return mlflowResponse(200, {
        files: entries.map((e) => {
          const name = file ? e.path.slice(file.length + 1) : e.path;
          return e.isDir ? { path: name, is_dir: true } : { path: name, is_dir: false, file_size: e.size };
        }),
      });
    }
    const { experimentId, runId, file } = splitPath(segments.join("/"));
    await authorizeMlflow(ctx, req.method === "PUT" ? "artifact:write" : "experiment:read", runId);
    const run = await findRun(ctx.workspaceId, runId);
    if (run.experimentId !== experimentId)
      throw new MlflowError("RESOURCE_DOES_NOT_EXIST", `Run ${runId} is not in experiment ${experimentId}`);
    if (upload) {
      await uploadArtifact(ctx.workspaceId, runId, file, upload);
      return mlflowResponse(200, {});
    }
    if (req.method === "GET") {
      const artifact = await openArtifact(ctx.workspaceId, runId, file);
      return new Response(Readable.toWeb(artifact.stream) as ReadableStream, {
        headers: { "content-type": "application/octet-stream", "content-length": String(artifact.size) },
      });
    }
    throw new MlflowError("ENDPOINT_NOT_FOUND", `${req.method} is not supported on artifacts`);
  } catch (error) {
    return mlflowErrorResponse(error);
  }
}
