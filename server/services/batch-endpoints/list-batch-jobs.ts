import { db } from "../../db";
import { BATCH_FAILURE_TAG } from "./batch-instances";
import { findBatchEndpoint } from "./find-batch-endpoint";

const PROGRESS_KEYS = ["mini_batches_total", "mini_batches_done", "mini_batches_failed"] as const;

/** The endpoint's invocations, newest first, with each job's status, progress and registered output. */
export async function listBatchJobs(workspaceId: string, endpointName: string, limit = 50) {
  const endpoint = await findBatchEndpoint(workspaceId, endpointName);
  const invocations = await db().batchInvocation.findMany({
    where: { endpointId: endpoint.id },
    orderBy: { createdAt: "desc" },
    take: limit,
    include: {
      run: {
        select: {
          displayName: true,
          status: true,
          createdAt: true,
          endedAt: true,
          job: { select: { failureReason: true } },
          summaries: { where: { key: { in: [...PROGRESS_KEYS] } } },
          // A job with several instances: its progress is theirs, added up.
          children: { select: { summaries: { where: { key: { in: [...PROGRESS_KEYS] } } } } },
          tags: { where: { key: BATCH_FAILURE_TAG } },
          dataLinks: {
            where: { direction: "output" },
            select: { version: { select: { version: true, asset: { select: { name: true } } } } },
          },
        },
      },
    },
  });
  return invocations.map(({ run, ...invocation }) => {
    const value = (key: string) => {
      const found = [run, ...run.children].flatMap((r) => r.summaries.filter((s) => s.key === key));
      return found.length > 0 ? found.reduce((total, s) => total + Math.round(s.maxValue ?? s.lastValue), 0) : null;
    };
    const output = run.dataLinks[0]?.version;
    return {
      runId: invocation.runId,
      displayName: run.displayName,
      deployment: invocation.deploymentName,
      input: invocation.input,
      status: run.status,
      failureReason: run.job?.failureReason ?? run.tags[0]?.value ?? null,
      progress: {
        total: value("mini_batches_total"),
        done: value("mini_batches_done"),
        failed: value("mini_batches_failed"),
      },
      output: output ? `${output.asset.name}:${output.version}` : null,
      createdAt: run.createdAt,
      endedAt: run.endedAt,
    };
  });
}
