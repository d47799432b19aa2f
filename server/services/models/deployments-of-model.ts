import type { Prisma } from "../../generated/prisma/client";

export type TDeploymentUse = { endpoint: string; deployment: string; version: number };

/**
 * The deployments that serve any of these versions, which may then not be deleted. Endpoints do
 * not exist yet, so nothing is deployed; once they do, this is the one place to ask.
 */
export async function deploymentsOfModelVersions(
  _tx: Prisma.TransactionClient,
  _versionIds: readonly string[],
): Promise<TDeploymentUse[]> {
  return [];
}

export function deploymentConflictMessage(uses: readonly TDeploymentUse[]): string {
  const first = uses[0]!;
  return `Version ${first.version} is deployed by '${first.deployment}' of endpoint '${first.endpoint}'; archive it instead, or delete that deployment first`;
}
