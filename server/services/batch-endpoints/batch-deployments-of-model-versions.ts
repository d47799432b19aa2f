import type { Prisma } from "../../generated/prisma/client";

/** The batch deployments that score with any of these model versions, by endpoint and deployment name. */
export async function batchDeploymentsOfModelVersions(
  tx: Prisma.TransactionClient,
  versionIds: readonly string[],
): Promise<{ endpoint: string; deployment: string; version: number }[]> {
  if (versionIds.length === 0) return [];
  const rows = await tx.batchDeployment.findMany({
    where: { modelVersionId: { in: [...versionIds] } },
    select: { name: true, endpoint: { select: { name: true } }, modelVersion: { select: { version: true } } },
    orderBy: [{ endpoint: { name: "asc" } }, { name: "asc" }],
  });
  return rows.map((r) => ({ endpoint: r.endpoint.name, deployment: r.name, version: r.modelVersion.version }));
}
