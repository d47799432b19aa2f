import type { Prisma } from "../../generated/prisma/client";
import { batchDeploymentsOfModelVersions } from "../batch-endpoints/batch-deployments-of-model-versions";

export type TDeploymentUse = { endpoint: string; deployment: string; version: number };

/** The deployments that serve any of these versions, which may then not be deleted: the one place to ask. */
export async function deploymentsOfModelVersions(
  tx: Prisma.TransactionClient,
  versionIds: readonly string[],
): Promise<TDeploymentUse[]> {
  return [...(await batchDeploymentsOfModelVersions(tx, versionIds))];
}

export function deploymentConflictMessage(uses: readonly TDeploymentUse[]): string {
  const first = uses[0]!;
  return `Version ${first.version} is deployed by '${first.deployment}' of endpoint '${first.endpoint}'; archive it instead, or delete that deployment first`;
}
