import { z } from "zod";
import { ZTextPreview } from "../../services/data/read-text-preview";
import { compareModelVersions, MAX_COMPARED_VERSIONS } from "../../services/models/compare-model-versions";
import { createRegisteredModel } from "../../services/models/create-registered-model";
import { deleteModel } from "../../services/models/delete-model";
import { deleteModelVersion } from "../../services/models/delete-model-version";
import { getModel } from "../../services/models/get-model";
import { getModelVersion } from "../../services/models/get-model-version";
import { listModels } from "../../services/models/list-models";
import { listRunModelVersions } from "../../services/models/list-run-model-versions";
import { ZModelDescription, ZModelName as ZNewModelName, ZModelTags } from "../../services/models/model-input";
import { modelRefOf, ZModelVersionAddress } from "../../services/models/model-ref";
import { listModelFiles } from "../../services/models/model-version-files";
import { modelVersionLineage } from "../../services/models/model-version-lineage";
import { ZModelVersionView } from "../../services/models/model-views";
import { previewModelText } from "../../services/models/preview-model-text";
import { registerModelFromRun } from "../../services/models/register-model-from-run";
import { deleteModelAlias, setModelAlias } from "../../services/models/set-model-alias";
import { updateModel } from "../../services/models/update-model";
import { updateModelVersion } from "../../services/models/update-model-version";
import { DONE, ZDone } from "../schemas";
import { router, workspaceProcedure } from "../trpc";
import {
  ZAliasInput,
  ZListModelsInput,
  ZModelDetail,
  ZModelFiles,
  ZModelLineage,
  ZModelComparison,
  ZModelList,
  ZModelName,
  ZRunModelVersions,
  ZRegisterFromRunInput,
  ZVersionChangeInput,
} from "./models-schemas";

const base = "/workspaces/{workspaceId}/models";
const model = `${base}/{name}`;
const version = `${model}/versions/{version}`;
const meta = (method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", path: `/${string}`, summary: string) => ({
  openapi: { method, path, tags: ["models"], summary },
});

export const modelsRouter = router({
  list: workspaceProcedure("model:read")
    .meta(meta("GET", base, "Registered models, the most recently versioned first; MLflow's filter grammar"))
    .input(ZListModelsInput)
    .output(ZModelList)
    .query(({ ctx, input }) => listModels(ctx.workspace.id, input)),

  byName: workspaceProcedure("model:read")
    .meta(meta("GET", model, "A registered model with its aliases and versions"))
    .input(ZModelName)
    .output(ZModelDetail)
    .query(({ ctx, input }) => getModel(ctx.workspace.id, input.name)),

  create: workspaceProcedure("model:write")
    .meta(meta("POST", base, "Create a registered model with no version yet"))
    .input(z.object({ name: ZNewModelName, description: ZModelDescription.optional(), tags: ZModelTags.optional() }))
    .output(ZModelDetail)
    .mutation(async ({ ctx, input }) => ({
      ...(await createRegisteredModel(ctx.actor, ctx.workspace.id, input)),
      versions: [],
    })),

  update: workspaceProcedure("model:write")
    .meta(meta("PATCH", model, "Change a model's description (Markdown) or tags"))
    .input(ZModelName.extend({ description: ZModelDescription.optional(), tags: ZModelTags.optional() }))
    .output(ZModelDetail)
    .mutation(({ ctx, input }) =>
      updateModel(ctx.actor, ctx.workspace.id, input.name, { description: input.description, tags: input.tags }),
    ),

  delete: workspaceProcedure("model:delete")
    .meta(meta("DELETE", model, "Delete a model with all its versions; refused while one is deployed"))
    .input(ZModelName)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await deleteModel(ctx.actor, ctx.workspace.id, input.name);
      return DONE;
    }),

  register: workspaceProcedure("model:write")
    .meta(meta("POST", `${model}/versions`, "Register a run's output folder as the next version"))
    .input(ZRegisterFromRunInput)
    .output(ZModelVersionView)
    .mutation(({ ctx, input }) =>
      registerModelFromRun(ctx.actor, ctx.workspace.id, {
        target: { name: input.name, type: input.type, description: input.description, tags: input.tags },
        runId: input.runId,
        path: input.path,
      }),
    ),

  version: workspaceProcedure("model:read")
    .meta(meta("GET", version, "One version: a number, an alias, or latest"))
    .input(ZModelVersionAddress)
    .output(ZModelVersionView)
    .query(({ ctx, input }) => getModelVersion(ctx.workspace.id, modelRefOf(input))),

  updateVersion: workspaceProcedure("model:write")
    .meta(meta("PATCH", version, "Change a version's description or tags (its files never change)"))
    .input(ZVersionChangeInput)
    .output(ZModelVersionView)
    .mutation(({ ctx, input }) =>
      updateModelVersion(ctx.actor, ctx.workspace.id, modelRefOf(input), {
        description: input.description,
        tags: input.tags,
      }),
    ),

  archiveVersion: workspaceProcedure("model:write")
    .meta(meta("POST", `${version}/archive`, "Archive a version: left out of `latest`, still readable and deployable"))
    .input(ZModelVersionAddress)
    .output(ZModelVersionView)
    .mutation(({ ctx, input }) =>
      updateModelVersion(ctx.actor, ctx.workspace.id, modelRefOf(input), { isArchived: true }),
    ),

  restoreVersion: workspaceProcedure("model:write")
    .meta(meta("POST", `${version}/restore`, "Restore an archived version"))
    .input(ZModelVersionAddress)
    .output(ZModelVersionView)
    .mutation(({ ctx, input }) =>
      updateModelVersion(ctx.actor, ctx.workspace.id, modelRefOf(input), { isArchived: false }),
    ),

  deleteVersion: workspaceProcedure("model:delete")
    .meta(meta("DELETE", version, "Delete a version and its aliases; refused while it is deployed"))
    .input(ZModelVersionAddress)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await deleteModelVersion(ctx.actor, ctx.workspace.id, modelRefOf(input));
      return DONE;
    }),

  setAlias: workspaceProcedure("model:write")
    .meta(meta("PUT", `${model}/aliases/{alias}`, "Point an alias at a version, moving it from any other"))
    .input(ZAliasInput.extend({ version: z.coerce.number().int().min(1).max(999_999_999) }))
    .output(ZModelVersionView)
    .mutation(({ ctx, input }) => setModelAlias(ctx.actor, ctx.workspace.id, input)),

  deleteAlias: workspaceProcedure("model:write")
    .meta(meta("DELETE", `${model}/aliases/{alias}`, "Remove an alias"))
    .input(ZAliasInput)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await deleteModelAlias(ctx.actor, ctx.workspace.id, input);
      return DONE;
    }),

  files: workspaceProcedure("model:read")
    .meta(meta("GET", `${version}/files`, "A version's files by path, a page at a time"))
    .input(
      ZModelVersionAddress.extend({
        after: z.string().max(1000).optional(),
        limit: z.coerce.number().int().min(1).max(5000).optional(),
      }),
    )
    .output(ZModelFiles)
    .query(({ ctx, input }) => listModelFiles(ctx.workspace.id, modelRefOf(input), input)),

  lineage: workspaceProcedure("model:read")
    .meta(
      meta(
        "GET",
        `${version}/lineage`,
        "The run that made a version, the data versions that run read, and the jobs that read the version",
      ),
    )
    .input(ZModelVersionAddress)
    .output(ZModelLineage)
    .query(({ ctx, input }) => modelVersionLineage(ctx.workspace.id, modelRefOf(input))),

  previewText: workspaceProcedure("model:read")
    .meta(meta("GET", `${version}/preview-text`, "The beginning of a text file (JSON pretty-printed), bounded in size"))
    .input(ZModelVersionAddress.extend({ path: z.string().min(1).max(1000) }))
    .output(ZTextPreview)
    .query(({ ctx, input }) => previewModelText(ctx.workspace.id, modelRefOf(input), input.path)),

  compare: workspaceProcedure("model:read")
    .meta(meta("GET", `${model}/compare`, "Versions side by side with the params and metrics of their source runs"))
    .input(
      ZModelName.extend({
        versions: z
          .array(z.coerce.number().int().min(1).max(999_999_999))
          .min(1)
          .max(MAX_COMPARED_VERSIONS, `Compare at most ${MAX_COMPARED_VERSIONS} versions`),
      }),
    )
    .output(ZModelComparison)
    .query(({ ctx, input }) => compareModelVersions(ctx.workspace.id, input.name, input.versions)),

  fromRun: workspaceProcedure("model:read")
    .meta(meta("GET", "/workspaces/{workspaceId}/runs/{runId}/models", "The model versions registered from a run"))
    .input(z.object({ runId: z.string().min(1).max(100) }))
    .output(ZRunModelVersions)
    .query(({ ctx, input }) => listRunModelVersions(ctx.workspace.id, input.runId)),
});
