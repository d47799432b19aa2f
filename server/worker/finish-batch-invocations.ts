import "server-only";
import { Readable } from "node:stream";
import { z } from "zod";
import { db, pgPool } from "../db";
import { openArtifact } from "../services/artifacts/open-artifact";
import { uploadArtifact } from "../services/artifacts/upload-artifact";
import {
  BATCH_FAILURE_TAG,
  BATCH_INSTANCE_TAG,
  BATCH_INSTANCES_TAG,
  BATCH_OUTPUT_TAG,
  BATCH_SUMMARY_FILE,
  INSTANCE_ROWS_FILE,
} from "../services/batch-endpoints/batch-instances";
import { isTerminal } from "../services/runs/run-status";
import { transitionRun } from "../services/runs/transition-run";
import { registerJobOutputs } from "./register-job-outputs";
import { RunLogWriter } from "./run-log-writer";

const OUTPUT = "predictions";

// What an instance leaves behind, written by the driver in a container that runs the user's code.
const ZSummary = z.object({
  files: z.number().default(0),
  mini_batches: z.number().default(0),
  mini_batches_done: z.number().default(0),
  mini_batches_failed: z.number().default(0),
  failed_files: z.array(z.object({ file: z.string(), error: z.string() })).default([]),
});
type TSummary = z.infer<typeof ZSummary>;
const ZRow = z.object({ file: z.string(), cells: z.record(z.string(), z.string()) });
type TRow = z.infer<typeof ZRow>;

/**
 * Batch jobs with several instances whose instances have all ended: their rows merged into the one
 * output file (as one instance would have written it), their summaries added up, the output
 * registered as a data asset version, and the parent run ended. One worker at a time finishes a
 * job (an advisory lock), so the output is registered once.
 */
export async function finishBatchInvocations(workspaceIds: string[] | null): Promise<void> {
  const parents = await db().batchInvocation.findMany({
    where: {
      ...(workspaceIds ? { endpoint: { workspaceId: { in: workspaceIds } } } : {}),
      run: { status: "Running", job: null, tags: { some: { key: BATCH_INSTANCES_TAG } } },
    },
    select: {
      runId: true,
      deployment: { select: { outputAction: true, outputFileName: true, errorThreshold: true } },
      run: {
        select: {
          workspaceId: true,
          experiment: { select: { name: true } },
          tags: { where: { key: BATCH_INSTANCES_TAG } },
        },
      },
    },
  });
  for (const parent of parents) {
    const children = await db().run.findMany({
      where: { parentRunId: parent.runId },
      select: {
        id: true,
        status: true,
        tags: { where: { key: BATCH_INSTANCE_TAG } },
        job: { select: { failureReason: true } },
      },
    });
    if (children.some((c) => !isTerminal(c.status))) continue;
    const client = await pgPool().connect();
    const key = `batch-finish:${parent.runId}`;
    try {
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [key]);
      if (!rows[0]?.ok) continue;
      try {
        const still = await db().run.findUnique({ where: { id: parent.runId }, select: { status: true } });
        if (still?.status === "Running") await finish(parent, children);
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext($1))", [key]);
      }
    } catch (error) {
      console.error(`batch job ${parent.runId}: ${(error as Error).message}`);
    } finally {
      client.release();
    }
  }
}

type TParent = {
  runId: string;
  /** Null once the deployment is deleted: its settings' defaults then. */
  deployment: { outputAction: string; outputFileName: string; errorThreshold: number } | null;
  run: { workspaceId: string; experiment: { name: string }; tags: { value: string }[] };
};
type TChild = { id: string; status: string; tags: { value: string }[]; job: { failureReason: string | null } | null };

async function finish(parent: TParent, children: TChild[]): Promise<void> {
  const { workspaceId } = parent.run;
  const log = await RunLogWriter.open(parent.runId);
  try {
    const instance = (c: TChild) => Number(c.tags[0]?.value ?? 0) + 1;
    const ordered = [...children].sort((a, b) => instance(a) - instance(b));
    const summaries: TSummary[] = [];
    const rows: TRow[] = [];
    const unreadable: string[] = [];
    for (const child of ordered) {
      try {
        const summary = await readText(workspaceId, child.id, `outputs/${OUTPUT}/${BATCH_SUMMARY_FILE}`);
        if (summary) summaries.push(ZSummary.parse(JSON.parse(summary)));
        const lines = await readText(workspaceId, child.id, `outputs/${OUTPUT}/${INSTANCE_ROWS_FILE}`);
        for (const line of lines?.split("\n") ?? []) if (line.trim()) rows.push(ZRow.parse(JSON.parse(line)));
      } catch (error) {
        // Written by a scoring job its own code could tamper with: a reason to fail, not to retry forever.
        const why = error instanceof z.ZodError ? "not in the batch driver's format" : (error as Error).message;
        unreadable.push(`instance ${instance(child)}'s output could not be read: ${why}`);
      }
    }
    const total = {
      files: sum(summaries, "files"),
      mini_batches: sum(summaries, "mini_batches"),
      mini_batches_done: sum(summaries, "mini_batches_done"),
      mini_batches_failed: sum(summaries, "mini_batches_failed"),
      rows: rows.length,
      failed_files: summaries.flatMap((s) => s.failed_files),
    };
    const problems = ordered.flatMap((c) =>
      c.status === "Completed"
        ? []
        : [
            `instance ${instance(c)} ${c.status.toLowerCase()}${c.job?.failureReason ? `: ${c.job.failureReason}` : ""}`,
          ],
    );
    problems.push(...unreadable);
    // A deleted instance's mini-batches were never scored: the output would silently lack them.
    const expected = Number(parent.run.tags[0]?.value ?? ordered.length);
    if (ordered.length < expected)
      problems.push(`${expected - ordered.length} of ${expected} instance runs were deleted`);
    const settings = parent.deployment ?? {
      outputAction: "append_row",
      outputFileName: "predictions.csv",
      errorThreshold: -1,
    };
    const threshold = settings.errorThreshold;
    if (threshold >= 0 && total.failed_files.length > threshold)
      problems.push(`${total.failed_files.length} file(s) failed, more than error_threshold ${threshold}`);
    await uploadArtifact(
      workspaceId,
      parent.runId,
      `outputs/${OUTPUT}/${BATCH_SUMMARY_FILE}`,
      Readable.from([JSON.stringify(total, null, 2)]),
    );
    if (settings.outputAction === "append_row")
      await uploadArtifact(
        workspaceId,
        parent.runId,
        `outputs/${OUTPUT}/${settings.outputFileName}`,
        Readable.from([csv(rows)]),
      );
    log.system(
      `Batch: ${ordered.length} instance(s) ended: ${total.mini_batches_done}/${total.mini_batches} mini-batches, ` +
        `${total.mini_batches_failed} failed, ${rows.length} row(s)`,
    );
    if (problems.length === 0) {
      const name = (await db().runTag.findFirst({ where: { runId: parent.runId, key: BATCH_OUTPUT_TAG } }))?.value;
      await registerJobOutputs(
        workspaceId,
        parent.runId,
        {
          experiment_name: parent.run.experiment.name,
          outputs: { [OUTPUT]: { type: "uri_folder", mode: "upload", ...(name ? { name } : {}) } },
        },
        log,
      );
      await transitionRun(parent.runId, { to: "Completed", from: ["Running"] });
    } else {
      log.system(`Run Failed: ${problems.join("; ")}`);
      await db().runTag.upsert({
        where: { runId_key: { runId: parent.runId, key: BATCH_FAILURE_TAG } },
        create: { runId: parent.runId, key: BATCH_FAILURE_TAG, value: problems.join("; ").slice(0, 5000) },
        update: { value: problems.join("; ").slice(0, 5000) },
      });
      await transitionRun(parent.runId, { to: "Failed", from: ["Running"] });
    }
  } finally {
    await log.close();
  }
}

async function readText(workspaceId: string, runId: string, path: string): Promise<string | null> {
  const artifact = await openArtifact(workspaceId, runId, path).catch(() => null);
  if (!artifact) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of artifact.stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

function sum(
  summaries: TSummary[],
  key: "files" | "mini_batches" | "mini_batches_done" | "mini_batches_failed",
): number {
  return summaries.reduce((total, s) => total + s[key], 0);
}

/** The rows as the driver's csv writer writes them: a header of every column, rows by file name, minimal quoting. */
function csv(rows: TRow[]): string {
  const header = ["file"];
  for (const row of rows)
    for (const column of Object.keys(row.cells)) if (!header.includes(column)) header.push(column);
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const sorted = [...rows].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return [header, ...sorted.map((r) => [r.file, ...header.slice(1).map((c) => r.cells[c] ?? "")])]
    .map((cells) => cells.map(quote).join(",") + "\n")
    .join("");
}
