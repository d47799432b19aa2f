import { db } from "../../db";
import { BASE_IMAGE, environmentHash, type TEnvironmentSpec, ZEnvironmentSpec } from "./environment-spec";

// Shipped with Crucible and shared by every workspace; built from the local base image because no
// image registry may be reachable (scripts/build-base-image.sh makes it).
const CURATED: { name: string; description: string; spec: TEnvironmentSpec }[] = [
  {
    name: "crucible-sklearn",
    description: "Debian bookworm with Python 3, NumPy and scikit-learn",
    spec: ZEnvironmentSpec.parse({ image: BASE_IMAGE }),
  },
];

/** Idempotent; run by the launcher and the worker at start. */
export async function ensureCuratedEnvironments(): Promise<void> {
  await db().$transaction(async (tx) => {
    // Curated rows have no workspace, and NULLs never collide in a unique index, so concurrent
    // starters serialise on a lock instead.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crucible.curated-environments'))`;
    for (const curated of CURATED) {
      const existing = await tx.environment.findFirst({
        where: { workspaceId: null, name: curated.name },
        include: { versions: { orderBy: { version: "desc" }, take: 1 } },
      });
      const hash = environmentHash(curated.spec);
      if (existing?.versions[0]?.hash === hash) continue;
      const environment =
        existing ??
        (await tx.environment.create({
          data: { workspaceId: null, name: curated.name, description: curated.description },
        }));
      await tx.environmentVersion.create({
        data: {
          environmentId: environment.id,
          version: (existing?.versions[0]?.version ?? 0) + 1,
          spec: curated.spec,
          hash,
        },
      });
    }
  });
}
