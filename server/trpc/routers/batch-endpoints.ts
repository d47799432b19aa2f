import { z } from "zod";
import { assertCan } from "../../rbac/access";
import {
  ZBatchEndpointName,
  ZCreateBatchDeploymentInput,
  ZUpdateBatchDeploymentInput,
} from "../../services/batch-endpoints/batch-deployment-settings";
import { createBatchDeployment } from "../../services/batch-endpoints/create-batch-deployment";
import { createBatchEndpoint } from "../../services/batch-endpoints/create-batch-endpoint";
import { deleteBatchDeployment } from "../../services/batch-endpoints/delete-batch-deployment";
import { deleteBatchEndpoint } from "../../services/batch-endpoints/delete-batch-endpoint";
import { getBatchEndpoint } from "../../services/batch-endpoints/get-batch-endpoint";
import { invokeBatchEndpoint } from "../../services/batch-endpoints/invoke-batch-endpoint";
import { listBatchEndpoints } from "../../services/batch-endpoints/list-batch-endpoints";
import { listBatchJobs } from "../../services/batch-endpoints/list-batch-jobs";
import { setDefaultBatchDeployment } from "../../services/batch-endpoints/set-default-batch-deployment";
import { updateBatchDeployment } from "../../services/batch-endpoints/update-batch-deployment";
import { DONE, ZDone } from "../schemas";
import { router, workspaceProcedure } from "../trpc";
import {
  ZBatchDeploymentView,
  ZBatchEndpointView,
  ZBatchJob,
  ZDeploymentAddress,
  ZEndpointAddress,
  ZInvokeInput,
  ZInvokeResult,
} from "./batch-endpoints-schemas";

const base = "/workspaces/{workspaceId}/batch-endpoints";
const endpoint = `${base}/{name}`;
const deployments = `${base}/{endpointName}/deployments`;
const meta = (method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", path: `/${string}`, summary: string) => ({
  openapi: { method, path, tags: ["batch-endpoints"], summary },
});

export const batchEndpointsRouter = router({
  list: workspaceProcedure("endpoint:read")
    .meta(meta("GET", base, "Batch endpoints with their deployments"))
    .output(z.array(ZBatchEndpointView))
    .query(({ ctx }) => listBatchEndpoints(ctx.workspace.id)),

  byName: workspaceProcedure("endpoint:read")
    .meta(meta("GET", endpoint, "A batch endpoint with its deployments and default"))
    .input(ZEndpointAddress)
    .output(ZBatchEndpointView)
    .query(({ ctx, input }) => getBatchEndpoint(ctx.workspace.id, input.name)),

  create: workspaceProcedure("endpoint:write")
    .meta(meta("POST", base, "Create a batch endpoint; deployments are added to it next"))
    .input(z.object({ name: ZBatchEndpointName, description: z.string().max(5000).optional() }))
    .output(ZBatchEndpointView)
    .mutation(async ({ ctx, input }) => {
      await createBatchEndpoint(ctx.actor, ctx.workspace.id, input);
      return getBatchEndpoint(ctx.workspace.id, input.name);
    }),

  delete: workspaceProcedure("endpoint:write")
    .meta(meta("DELETE", endpoint, "Delete a batch endpoint and its deployments; its jobs stay"))
    .input(ZEndpointAddress)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await deleteBatchEndpoint(ctx.actor, ctx.workspace.id, input.name);
      return DONE;
    }),

  createDeployment: workspaceProcedure("endpoint:write")
    .meta(meta("POST", deployments, "Add a deployment: a model version, scoring code (base64 .tar.gz) and settings"))
    .input(ZCreateBatchDeploymentInput)
    .output(ZBatchDeploymentView)
    .mutation(({ ctx, input }) => {
      // The deployment pins a model version and its jobs read the model's files.
      assertCan(ctx.role, "model:read");
      return createBatchDeployment(ctx.actor, ctx.workspace.id, input);
    }),

  updateDeployment: workspaceProcedure("endpoint:write")
    .meta(meta("PATCH", `${deployments}/{name}`, "Change a deployment; what is left out stays"))
    .input(ZUpdateBatchDeploymentInput)
    .output(ZBatchDeploymentView)
    .mutation(({ ctx, input }) => {
      if (input.model) assertCan(ctx.role, "model:read");
      return updateBatchDeployment(ctx.actor, ctx.workspace.id, input);
    }),

  deleteDeployment: workspaceProcedure("endpoint:write")
    .meta(meta("DELETE", `${deployments}/{name}`, "Delete a deployment; the default one only when it is the last"))
    .input(ZDeploymentAddress)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await deleteBatchDeployment(ctx.actor, ctx.workspace.id, input.endpointName, input.name);
      return DONE;
    }),

  setDefault: workspaceProcedure("endpoint:write")
    .meta(meta("PUT", `${deployments}/{name}/default`, "Make a deployment the one invocations naming none use"))
    .input(ZDeploymentAddress)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await setDefaultBatchDeployment(ctx.actor, ctx.workspace.id, input.endpointName, input.name);
      return DONE;
    }),

  invoke: workspaceProcedure("batchEndpoint:invoke")
    .meta(
      meta(
        "POST",
        `${base}/{endpointName}/invoke`,
        "Score a data asset version: starts a job; see its progress in jobs",
      ),
    )
    .input(ZInvokeInput)
    .output(ZInvokeResult)
    .mutation(({ ctx, input }) => {
      // The job reads the data asset and the model's files for the caller.
      assertCan(ctx.role, "data:read");
      assertCan(ctx.role, "model:read");
      return invokeBatchEndpoint(ctx.actor, ctx.workspace.id, input);
    }),

  jobs: workspaceProcedure("endpoint:read")
    .meta(meta("GET", `${base}/{endpointName}/jobs`, "The endpoint's invocations: status, mini-batch progress, output"))
    .input(z.object({ endpointName: ZBatchEndpointName, limit: z.coerce.number().int().min(1).max(200).optional() }))
    .output(z.array(ZBatchJob))
    .query(({ ctx, input }) => listBatchJobs(ctx.workspace.id, input.endpointName, input.limit)),
});
