import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { AppError } from "../../errors";
import { type TEnvironmentSpec, ZEnvironmentSpec } from "./environment-spec";

/**
 * `name:version`, `name@latest` or a bare name (latest), with Azure ML's `azureml:` prefix
 * accepted; looks in the workspace, then among the curated environments.
 */
export async function resolveEnvironment(workspaceId: string, reference: string, tx: Prisma.TransactionClient = db()) {
  const ref = reference.replace(/^azureml:/, "");
  const match = /^([A-Za-z0-9][A-Za-z0-9_.-]*?)(?::(\d+)|@latest)?$/.exec(ref);
  if (!match) throw new AppError("BAD_REQUEST", `environment: '${reference}' is not name:version or name@latest`);
  const [, name, version] = match;
  const environment =
    (await tx.environment.findFirst({ where: { workspaceId, name } })) ??
    (await tx.environment.findFirst({ where: { workspaceId: null, name } }));
  if (!environment) throw new AppError("BAD_REQUEST", `environment: no environment named '${name}'`);
  const found = await tx.environmentVersion.findFirst({
    where: { environmentId: environment.id, ...(version ? { version: Number(version) } : {}) },
    orderBy: { version: "desc" },
  });
  if (!found) throw new AppError("BAD_REQUEST", `environment: '${name}' has no version ${version}`);
  return { environment, version: found, spec: ZEnvironmentSpec.parse(found.spec) as TEnvironmentSpec };
}
