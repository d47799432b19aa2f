import { z } from "zod";
import { listArtifacts } from "../services/artifacts/list-artifacts";
import { findRun } from "../services/runs/find-run";
import { endpoint, type TEndpoint } from "./endpoint";

export const ARTIFACT_ENDPOINTS: Record<string, TEndpoint> = {
  "artifacts/list": endpoint(
    ["GET"],
    "experiment:read",
    z.object({
      run_id: z.string().min(1).optional(),
      run_uuid: z.string().min(1).optional(),
      path: z.string().default(""),
      page_token: z.string().optional(),
    }),
    async (ctx, input) => {
      const runId = input.run_id ?? input.run_uuid ?? "";
      const run = await findRun(ctx.workspaceId, runId);
      const entries = await listArtifacts(ctx.workspaceId, runId, input.path);
      return {
        root_uri: `mlflow-artifacts:/${run.experimentId}/${run.id}/artifacts`,
        files: entries.map((e) =>
          e.isDir ? { path: e.path, is_dir: true } : { path: e.path, is_dir: false, file_size: e.size },
        ),
      };
    },
  ),
};
