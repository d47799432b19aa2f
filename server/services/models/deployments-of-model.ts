import type { Prisma } from "../../generated/prisma/client";

export type TDeploymentUse = { endpoint: string; deployment: string; version: number };

/** The online deployments that serve any of these versions, which may then not be deleted. */
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
  return rows.map((r) => ({ endpoint: r.endpoint.name, deployment: r.name, version: r.modelVersion.version }));
}

export function deploymentConflictMessage(uses: readonly TDeploymentUse[]): string {
  const first = uses[0]!;
  return `Version ${first.version} is deployed by '${first.deployment}' of endpoint '${first.endpoint}'; archive it instead, or delete that deployment first`;
}
