import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { resolveEnvironment } from "../environments/resolve-environment";
import { findModelVersion } from "../models/find-model";
import type { TCodeConfiguration } from "./endpoint-input";
import type { TStoredCode } from "./endpoint-views";

/** The environment jobs use when they name none: Debian's Python with scikit-learn. */
export const DEFAULT_ENVIRONMENT = "crucible-sklearn";

/**
 * The model version a deployment's `model` names (an alias is resolved now and the version kept),
 * its environment version, and its code; an mlflow_model needs no code, any other type does.
 */
export async function resolveDeploymentParts(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  input: { model: string; environment?: string; code: TCodeConfiguration | null },
) {
  const ref = input.model.replace(/^azureml:/, "");
  const { version } = await findModelVersion(workspaceId, ref, tx).catch((error: unknown) => {
    if (error instanceof AppError) throw new AppError("BAD_REQUEST", `model: ${error.message}`);
    throw error;
  });
  if (!input.code && version.type !== "mlflow_model")
    throw new AppError(
      "BAD_REQUEST",
      `code_configuration: '${ref}' is a ${version.type}; only an mlflow_model is served without a scoring script`,
    );
  const environment = await resolveEnvironment(workspaceId, input.environment ?? DEFAULT_ENVIRONMENT, tx);
  const code: TStoredCode | null = input.code
    ? { files: input.code.code, scoringScript: input.code.scoring_script }
    : null;
  return { modelRef: ref, modelVersionId: version.id, environmentVersionId: environment.version.id, code };
}
