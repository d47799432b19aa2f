import { db } from "../../db";
import { environmentHash, ZEnvironmentSpec } from "../environments/environment-spec";

// A deployment's console shows at most this many of its image's builds (a failed one, its retry…).
const MAX_BUILDS = 5;

/**
 * The builds of a deployment's environment image since the deployment was created, oldest first,
 * whoever started them: a deployment that waited for a job's build of the same image shows it too.
 */
export async function findDeploymentBuilds(deployment: { createdAt: Date; environmentSpec: unknown }) {
  const spec = ZEnvironmentSpec.safeParse(deployment.environmentSpec);
  if (!spec.success) return [];
  const builds = await db().environmentBuild.findMany({
    where: { hash: environmentHash(spec.data), startedAt: { gte: deployment.createdAt } },
    orderBy: { startedAt: "desc" },
    take: MAX_BUILDS,
  });
  return builds.reverse();
}
