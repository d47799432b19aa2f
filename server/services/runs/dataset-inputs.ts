import { z } from "zod";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { preparedQuery } from "../../database/prepared-query";
import { findRun } from "./find-run";

// MLflow's limits for log-inputs.
export const ZDatasetInput = z.object({
  tags: z
    .array(z.object({ key: z.string().min(1).max(255), value: z.string().max(500) }))
    .max(100)
    .default([]),
  dataset: z.object({
    name: z.string().min(1).max(500),
    digest: z.string().min(1).max(36),
    source_type: z.string().min(1).max(36),
    source: z.string().max(65_535),
    schema: z.string().max(1_048_575).optional(),
    profile: z.string().max(16_384).optional(),
  }),
});
export type TDatasetInput = z.infer<typeof ZDatasetInput>;

/** Records the datasets a run read; logging the same name and digest again updates its tags. */
export async function logDatasetInputs(workspaceId: string, runId: string, inputs: TDatasetInput[]): Promise<void> {
  await findRun(workspaceId, runId);
  await db().$transaction(
    inputs.map(({ dataset, tags }) => {
      const data = {
        sourceType: dataset.source_type,
        source: dataset.source,
        schema: dataset.schema ?? null,
        profile: dataset.profile ?? null,
        tags: Object.fromEntries(tags.map((t) => [t.key, t.value])) as Prisma.InputJsonObject,
      };
      return db().runDatasetInput.upsert({
        where: { runId_name_digest: { runId, name: dataset.name, digest: dataset.digest } },
        create: { runId, name: dataset.name, digest: dataset.digest, ...data },
        update: data,
      });
    }),
  );
}

export type TDatasetInputRow = {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema: string | null;
  profile: string | null;
  tags: Record<string, string>;
};

// A prepared statement: every MLflow run read and search reads the datasets of its runs.
const selectDatasetInputs = preparedQuery<TDatasetInputRow & { runId: string }>(
  "crucible_run_dataset_inputs",
  `SELECT "runId", "name", "digest", "sourceType", "source", "schema", "profile", "tags"
   FROM "RunDatasetInput" WHERE "runId" = ANY($1::text[]) ORDER BY "createdAt", "id"`,
);

/** The dataset inputs of each run, by run id, oldest first. */
export async function listDatasetInputs(runIds: string[]): Promise<Record<string, TDatasetInputRow[]>> {
  const byRun: Record<string, TDatasetInputRow[]> = {};
  if (runIds.length === 0) return byRun;
  for (const { runId, ...row } of await selectDatasetInputs([runIds])) (byRun[runId] ??= []).push(row);
  return byRun;
}
