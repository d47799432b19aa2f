import type { TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { isUniqueViolation, AppError } from "../../errors";
import { createModelRow, modelLockKey } from "./create-model-version";
import { modelView } from "./model-views";

/** A registered model with no version yet (MLflow's registered-models/create). */
export async function createRegisteredModel(
  actor: TActor,
  workspaceId: string,
  input: { name: string; description?: string; tags?: Record<string, string> },
) {
  try {
    return await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${modelLockKey(workspaceId, input.name)}))`;
      const model = await createModelRow(tx, actor, workspaceId, input);
      return modelView(model, { versionCount: 0, latest: null }, []);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `Registered model '${input.name}' already exists`);
    throw error;
  }
}
