import type { TActor } from "../../audit/record-audit-event";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import { CURATED_PREFIX, environmentHash, type TEnvironmentSpec, ZEnvironmentSpec } from "./environment-spec";

export type TCreateEnvironment = { name: string; description?: string; spec: TEnvironmentSpec };

/**
 * Adds the next version of an environment (creating it at version 1). A spec identical to the
 * latest version's returns that version instead of minting a copy.
 */
export async function createEnvironment(actor: TActor, workspaceId: string, input: TCreateEnvironment) {
  if (input.name.toLowerCase().startsWith(CURATED_PREFIX)) {
    throw new AppError("BAD_REQUEST", `name: the '${CURATED_PREFIX}' prefix is reserved for curated environments`);
  }
  const hash = environmentHash(input.spec);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`crucible.environment:${workspaceId}:${input.name}`}))`;
    const environment =
      (await tx.environment.findFirst({ where: { workspaceId, name: input.name } })) ??
      (await tx.environment.create({ data: { workspaceId, name: input.name, description: input.description ?? "" } }));
    if (input.description !== undefined && input.description !== environment.description) {
      await tx.environment.update({ where: { id: environment.id }, data: { description: input.description } });
    }
    const latest = await tx.environmentVersion.findFirst({
      where: { environmentId: environment.id },
      orderBy: { version: "desc" },
    });
    // Same hash and same variables is the same spec (stored JSON does not keep key order, so no string compare).
    if (
      latest &&
      latest.hash === hash &&
      sameVariables(ZEnvironmentSpec.parse(latest.spec).environment_variables, input.spec.environment_variables)
    ) {
      return { environment, version: latest, isNew: false };
    }
    const version = await tx.environmentVersion.create({
      data: {
        environmentId: environment.id,
        version: (latest?.version ?? 0) + 1,
        spec: input.spec,
        hash,
        createdById: actor.userId,
      },
    });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "environment.version.create",
      targetType: "environment",
      targetId: environment.id,
      details: { name: input.name, version: version.version, hash },
    });
    return { environment, version, isNew: true };
  });
}

function sameVariables(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
