import type { Prisma } from "../../generated/prisma/client";
import { batchDeploymentsOfModelVersions } from "../batch-endpoints/batch-deployments-of-model-versions";

export type TDeploymentUse = { endpoint: string; deployment: string; version: number };

/** The online and batch deployments that serve any of these versions, which may then not be deleted: the one place to ask. */
export async function deploymentsOfModelVersions(
  tx: Prisma.TransactionClient,
  versionIds: readonly string[],
): Promise<TDeploymentUse[]> {
  if (versionIds.length === 0) return [];
  const rows = await tx.onlineDeployment.findMany({
    where: { modelVersionId: { in: [...versionIds] } },
    select: { name: true, endpoint: { select: { name: true } }, modelVersion: { select: { version: true } } },
    orderBy: [{ endpoint: { name: "asc" } }, { name: "asc" }],
  });
  const online = rows.map((r) => ({ endpoint: r.endpoint.name, deployment: r.name, version: r.modelVersion.version }));
  return [...online, ...(await batchDeploymentsOfModelVersions(tx, versionIds))];
}

export function deploymentConflictMessage(uses: readonly TDeploymentUse[]): string {
  const first = uses[0]!;
  return `Version ${first.version} is deployed by '${first.deployment}' of endpoint '${first.endpoint}'; archive it instead, or delete that deployment first`;
}
