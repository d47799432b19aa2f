import { text } from "node:stream/consumers";
import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { dataDigest } from "../data/data-digest";
import { blobLocations } from "../data/blob-locations";
import type { TModelVersionTarget } from "./model-input";
import { modelVersionView } from "./model-views";
import { MLMODEL_FILE, readMlmodel, type TMlmodelInfo } from "./read-mlmodel";

const MAX_MLMODEL_BYTES = 1024 * 1024;

export type TModelSource = {
  runId?: string | null;
  /** The folder of the run's artifacts the files came from. */
  path?: string | null;
  /** What the caller named as the source (MLflow's `source`). */
  uri?: string;
  loggedModelId?: string | null;
  environmentVersionId?: string | null;
};

export type TNewModelVersion = {
  target: TModelVersionTarget;
  files: readonly { path: string; size: number; sha256: string }[];
  source?: TModelSource;
  /** MLflow's model-versions/create needs the registered model to exist; the other ways in create it. */
  isModelCreated?: boolean;
};

export function modelLockKey(workspaceId: string, name: string): string {
  return `crucible.model:${workspaceId}:${name}`;
}

async function mlmodelOf(workspaceId: string, files: TNewModelVersion["files"]): Promise<TMlmodelInfo | null> {
  const file = files.find((f) => f.path === MLMODEL_FILE);
  if (!file) return null;
  if (file.size > MAX_MLMODEL_BYTES) return { flavors: {}, signature: null, inputExample: null };
  const [location] = await blobLocations(workspaceId, [file]);
  const object = await location!.store.read(location!.key);
  if (!object) throw new AppError("CONFLICT", `The stored bytes of '${file.path}' are missing`);
  return readMlmodel(await text(object.stream)) ?? { flavors: {}, signature: null, inputExample: null };
}

/**
 * Records the next version of a registered model in one transaction, once every file it lists is
 * stored as a blob. The model's lock makes concurrent registrations take 1, 2, 3….
 */
export async function createModelVersion(actor: TActor, workspaceId: string, input: TNewModelVersion) {
  const { target, files } = input;
  if (files.length === 0) throw new AppError("BAD_REQUEST", "A model version needs at least one file");
  const paths = new Set(files.map((f) => f.path));
  if (paths.size !== files.length) throw new AppError("BAD_REQUEST", "A model version lists the same path twice");
  const mlmodel = await mlmodelOf(workspaceId, files);
  const type = target.type ?? (mlmodel ? "mlflow_model" : "custom_model");
  if (type === "mlflow_model" && !mlmodel)
    throw new AppError("BAD_REQUEST", "An mlflow_model has an MLmodel file at its root; this folder has none");
  const source = input.source ?? {};
  const totalSize = files.reduce((sum, f) => sum + f.size, 0);
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${modelLockKey(workspaceId, target.name)}))`;
      let model = await tx.registeredModel.findUnique({
        where: { workspaceId_name: { workspaceId, name: target.name } },
      });
      if (!model) {
        if (!(input.isModelCreated ?? true))
          throw new AppError("NOT_FOUND", `Registered model '${target.name}' not found`);
        model = await createModelRow(tx, actor, workspaceId, { name: target.name });
      }
      const latest = await tx.modelVersion.findFirst({ where: { modelId: model.id }, orderBy: { version: "desc" } });
      const version = await tx.modelVersion.create({
        data: {
          modelId: model.id,
          version: (latest?.version ?? 0) + 1,
          type,
          description: target.description ?? "",
          tags: target.tags ?? {},
          sourceRunId: source.runId ?? null,
          sourcePath: source.path ?? null,
          sourceUri: source.uri ?? "",
          loggedModelId: source.loggedModelId ?? null,
          environmentVersionId: source.environmentVersionId ?? null,
          flavors: (mlmodel?.flavors as Prisma.InputJsonObject | undefined) ?? undefined,
          signature: (mlmodel?.signature as Prisma.InputJsonObject | null) ?? undefined,
          inputExample: (mlmodel?.inputExample as Prisma.InputJsonObject | null) ?? undefined,
          totalSize: BigInt(totalSize),
          fileCount: files.length,
          digest: dataDigest(files),
          createdById: actor.userId,
        },
      });
      await tx.modelVersionFile.createMany({
        data: files.map((f) => ({ versionId: version.id, path: f.path, size: BigInt(f.size), sha256: f.sha256 })),
      });
      // The model's last change is its newest version, as MLflow's last_updated_timestamp.
      await tx.registeredModel.update({ where: { id: model.id }, data: { updatedAt: new Date() } });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "model.version.create",
        targetType: "registeredModel",
        targetId: model.id,
        details: { name: model.name, version: version.version, digest: version.digest, fileCount: files.length },
      });
      return modelVersionView(model, version);
    },
    { timeout: 60_000 },
  );
}

/** A registered model with no version yet; refused when the name is taken. */
export async function createModelRow(
  tx: Prisma.TransactionClient,
  actor: TActor,
  workspaceId: string,
  input: { name: string; description?: string; tags?: Record<string, string> },
) {
  const existing = await tx.registeredModel.findUnique({
    where: { workspaceId_name: { workspaceId, name: input.name } },
    select: { id: true },
  });
  if (existing) throw new AppError("CONFLICT", `Registered model '${input.name}' already exists`);
  const model = await tx.registeredModel.create({
    data: {
      workspaceId,
      name: input.name,
      description: input.description ?? "",
      tags: input.tags ?? {},
      createdById: actor.userId,
    },
  });
  await recordAuditEvent(tx, actor, {
    workspaceId,
    action: "model.create",
    targetType: "registeredModel",
    targetId: model.id,
    details: { name: model.name },
  });
  return model;
}
