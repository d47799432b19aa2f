import { db } from "../db";
import { imageTag } from "../services/environments/environment-spec";

/** What the run page shows of a job: environment, compute, host, limits, state and reason. */
export async function getJobView(workspaceId: string, runId: string) {
  const job = await db().job.findFirst({
    where: { runId, workspaceId },
    include: {
      target: { select: { name: true } },
      host: { select: { name: true } },
      environmentVersion: { include: { environment: { select: { name: true } } } },
    },
  });
  if (!job) return null;
  const hasSnapshot = (await db().artifact.count({ where: { runId, path: { startsWith: "snapshot/" } } })) > 0;
  const spec = job.spec as Record<string, unknown>;
  const { $source, ...rest } = spec;
  return {
    command: job.command,
    compute: String(rest.compute ?? ""),
    computeTarget: job.target?.name ?? null,
    host: job.host?.name ?? null,
    environment: job.environmentVersion
      ? { name: job.environmentVersion.environment.name, version: job.environmentVersion.version }
      : null,
    image: imageTag(job.imageHash),
    imageHash: job.imageHash,
    resources: { cpu: job.cpu, memoryBytes: job.memoryBytes === null ? null : Number(job.memoryBytes), gpus: job.gpus },
    timeoutS: job.timeoutS,
    attempt: job.attempt,
    maxAttempts: job.maxAttempts,
    isWaitingForCode: !job.isReady,
    isCancelRequested: job.cancelRequestedAt !== null,
    exitCode: job.exitCode,
    failureReason: job.failureReason,
    hasSnapshot,
    yaml: typeof $source === "string" ? $source : null,
    spec: rest,
  };
}
