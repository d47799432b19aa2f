import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { findModelVersion } from "../services/models/find-model";
import { isModelInput, type TJobSpec } from "./job-spec";

export type TResolvedModelInput = {
  name: string;
  mode: string;
  versionId: string;
  /** `models/NAME:VERSION`, pinned: what the run logs as the input's param, whatever alias the YAML named. */
  ref: string;
  /** The path as the YAML wrote it. */
  requestedRef: string;
};

/**
 * Each model input's version, pinned at submission: an alias or `@latest` is resolved now, so
 * moving it later changes nothing for this job. A version of another type than the input asks
 * for is refused, as Azure ML refuses it.
 */
export async function resolveModelInputs(workspaceId: string, spec: TJobSpec): Promise<TResolvedModelInput[]> {
  const resolved: TResolvedModelInput[] = [];
  for (const [name, input] of Object.entries(spec.inputs)) {
    if (!isModelInput(input)) continue;
    const { model, version } = await findModelVersion(workspaceId, input.path).catch((error: unknown) => {
      if (error instanceof AppError) throw new AppError(error.code, `inputs.${name}: ${error.message}`);
      throw error;
    });
    const pinned = `${model.name}:${version.version}`;
    if (input.type && input.type !== version.type)
      throw new AppError("BAD_REQUEST", `inputs.${name}: ${pinned} is of type ${version.type}, not ${input.type}`);
    resolved.push({ name, mode: input.mode, versionId: version.id, ref: `models/${pinned}`, requestedRef: input.path });
  }
  return resolved;
}

export function modelInputRows(runId: string, inputs: TResolvedModelInput[]): Prisma.RunModelInputCreateManyInput[] {
  return inputs.map((i) => ({
    runId,
    versionId: i.versionId,
    name: i.name,
    mode: i.mode,
    requestedRef: i.requestedRef,
  }));
}
