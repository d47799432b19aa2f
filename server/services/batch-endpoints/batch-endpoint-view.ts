import type { BatchDeployment, BatchEndpoint } from "../../generated/prisma/client";

type TDeploymentRow = BatchDeployment & {
  modelVersion: { version: number; model: { name: string } };
  environmentVersion: { version: number; environment: { name: string } };
};

/** A deployment as the studio, REST and CLI show it, with Azure's grouping of the retry settings. */
export function batchDeploymentView(row: TDeploymentRow, defaultDeploymentId: string | null) {
  return {
    name: row.name,
    description: row.description,
    model: `${row.modelVersion.model.name}:${row.modelVersion.version}`,
    modelRef: row.modelRef,
    environment: `${row.environmentVersion.environment.name}:${row.environmentVersion.version}`,
    environmentRef: row.environmentRef,
    compute: row.compute,
    scoringScript: row.scoringScript,
    codeFileCount: row.codeFileCount,
    codeBytes: row.codeBytes,
    miniBatchSize: row.miniBatchSize,
    instanceCount: row.instanceCount,
    maxConcurrencyPerInstance: row.maxConcurrencyPerInstance,
    retrySettings: { maxRetries: row.maxRetries, timeoutS: row.timeoutS },
    errorThreshold: row.errorThreshold,
    outputAction: row.outputAction,
    outputFileName: row.outputFileName,
    isDefault: row.id === defaultDeploymentId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type TBatchDeploymentView = ReturnType<typeof batchDeploymentView>;

export const DEPLOYMENT_INCLUDE = {
  modelVersion: { select: { version: true, model: { select: { name: true } } } },
  environmentVersion: { select: { version: true, environment: { select: { name: true } } } },
} as const;

export function batchEndpointView(endpoint: BatchEndpoint, deployments: TDeploymentRow[]) {
  const byId = new Map(deployments.map((d) => [d.id, d.name]));
  return {
    name: endpoint.name,
    description: endpoint.description,
    defaultDeployment: endpoint.defaultDeploymentId ? (byId.get(endpoint.defaultDeploymentId) ?? null) : null,
    createdAt: endpoint.createdAt,
    deployments: deployments.map((d) => batchDeploymentView(d, endpoint.defaultDeploymentId)),
  };
}
