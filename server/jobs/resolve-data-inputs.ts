import { db } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { findDataVersion } from "../services/data/find-data-version";
import { isDataInput, type TJobSpec } from "./job-spec";

export type TResolvedInput = {
  name: string;
  mode: string;
  versionId: string;
  /** `name:version`, pinned: what the run logs as the input's param, whatever the YAML said. */
  ref: string;
  /** A uri_file input's file name, for `${{inputs.X}}`. */
  fileName: string | null;
};

/**
 * Each data input's version, pinned at submission (`@latest` is resolved now, not when the job
 * starts), checked against the type the job expects.
 */
export async function resolveDataInputs(workspaceId: string, spec: TJobSpec): Promise<TResolvedInput[]> {
  const resolved: TResolvedInput[] = [];
  for (const [name, input] of Object.entries(spec.inputs)) {
    if (!isDataInput(input)) continue;
    const { asset, version } = await findDataVersion(workspaceId, input.path).catch((error: unknown) => {
      if (error instanceof AppError) throw new AppError(error.code, `inputs.${name}: ${error.message}`);
      throw error;
    });
    const ref = `${asset.name}:${version.version}`;
    if (input.type === "mltable" && version.type !== "table")
      throw new AppError("BAD_REQUEST", `inputs.${name}: ${ref} is a ${version.type}, not a table (mltable)`);
    let fileName: string | null = null;
    if (input.type === "uri_file") {
      if (version.fileCount !== 1)
        throw new AppError("BAD_REQUEST", `inputs.${name}: uri_file needs one file; ${ref} has ${version.fileCount}`);
      fileName = await onlyFileName(version.id);
    }
    resolved.push({ name, mode: input.mode, versionId: version.id, ref, fileName });
  }
  return resolved;
}

async function onlyFileName(versionId: string): Promise<string> {
  const file = await db().dataAssetFile.findFirst({ where: { versionId }, select: { path: true } });
  if (!file) throw new AppError("CONFLICT", "The version's file list is empty");
  return file.path;
}

export function inputLinkRows(runId: string, inputs: TResolvedInput[]): Prisma.RunDataLinkCreateManyInput[] {
  return inputs.map((i) => ({ runId, versionId: i.versionId, direction: "input", name: i.name, mode: i.mode }));
}
