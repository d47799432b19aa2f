import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { resolveCompute } from "../compute/resolve-compute";
import { resolveEnvironment } from "../environments/resolve-environment";
import { findModelVersion } from "../models/find-model";

/**
 * The model version, environment version and compute a deployment names, each checked now: a
 * deployment that could never run is refused when it is made, not when it is first invoked.
 */
export async function resolveBatchDeploymentRefs(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  refs: { model?: string; environment?: string; compute?: string },
) {
  const named = async <T>(field: string, find: () => Promise<T>): Promise<T> => {
    try {
      return await find();
    } catch (error) {
      if (error instanceof AppError) {
        const message = error.message.replace(/^(?:environment|compute): /, "");
        throw new AppError(error.code, `${field}: ${message}`);
      }
      throw error;
    }
  };
  const model = refs.model ? await named("model", () => findModelVersion(workspaceId, refs.model!, tx)) : undefined;
  const environment = refs.environment
    ? await named("environment", () => resolveEnvironment(workspaceId, refs.environment!, tx))
    : undefined;
  if (refs.compute) await named("compute", () => resolveCompute(workspaceId, refs.compute!, tx));
  return { model, environment };
}
