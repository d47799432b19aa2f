import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import type { TJobSpec } from "../jobs/job-spec";
import { createDataVersion } from "../services/data/create-data-version";
import { storeArtifactsAsBlobs } from "../services/data/store-artifacts-as-blobs";
import type { RunLogWriter } from "./run-log-writer";

/** The data asset an output adds a version to when its YAML names none: `<experiment>-<output>`, as a valid name. */
export function defaultOutputAssetName(experimentName: string, outputName: string): string {
  const base = `${experimentName}-${outputName}`.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return (base || outputName).slice(0, 255);
}

/**
 * After a job completes: each declared output's folder (already saved with the run's outputs) as
 * the next version of its data asset, content-addressed, and linked to the run. One output's
 * failure is logged and does not stop the others; an empty output registers nothing.
 */
export async function registerJobOutputs(
  workspaceId: string,
  runId: string,
  spec: Pick<TJobSpec, "outputs" | "experiment_name">,
  log: RunLogWriter,
): Promise<void> {
  const outputs = Object.entries(spec.outputs);
  if (outputs.length === 0) return;
  const run = await db().run.findUnique({ where: { id: runId }, select: { userId: true } });
  const user = run?.userId
    ? await db().user.findUnique({ where: { id: run.userId }, select: { id: true, email: true } })
    : null;
  if (!user) return;
  const actor = { userId: user.id, email: user.email };
  for (const [name, output] of outputs) {
    const assetName = output.name ?? defaultOutputAssetName(spec.experiment_name, name);
    try {
      const prefix = `outputs/${name}/`;
      const artifacts = await db().artifact.findMany({
        where: { runId, path: { startsWith: prefix } },
        orderBy: { path: "asc" },
      });
      if (artifacts.length === 0) {
        log.system(`Output '${name}' is empty: no version of '${assetName}' registered`);
        continue;
      }
      if (output.type === "uri_file" && artifacts.length !== 1)
        throw new AppError("BAD_REQUEST", `a uri_file output holds one file; ${artifacts.length} were written`);
      const files = await storeArtifactsAsBlobs(workspaceId, runId, artifacts, prefix);
      const { asset, version } = await createDataVersion(actor, workspaceId, {
        target: { name: assetName, type: output.type, description: output.description },
        files,
        table: null,
        alsoInTransaction: async (tx, created) => {
          await tx.runDataLink.create({
            data: { runId, versionId: created.id, direction: "output", name, mode: "upload" },
          });
        },
      });
      log.system(`Output '${name}' registered as ${asset.name}:${version.version} (${files.length} file(s))`);
    } catch (error) {
      log.system(`Output '${name}' was not registered as a version of '${assetName}': ${(error as Error).message}`);
    }
  }
}
