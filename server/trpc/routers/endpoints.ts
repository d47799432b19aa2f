import { z } from "zod";
import { createOnlineDeployment } from "../../services/endpoints/create-online-deployment";
import { createOnlineEndpoint } from "../../services/endpoints/create-online-endpoint";
import { deleteOnlineDeployment } from "../../services/endpoints/delete-online-deployment";
import { deleteOnlineEndpoint } from "../../services/endpoints/delete-online-endpoint";
import { deploymentLogs } from "../../services/endpoints/deployment-logs";
import { deploymentMetrics } from "../../services/endpoints/deployment-metrics";
import { deploymentUsage } from "../../services/endpoints/deployment-usage";
import { ZOnlineDeploymentView, ZOnlineEndpointView } from "../../services/endpoints/endpoint-views";
import { getEndpointCredentials } from "../../services/endpoints/get-endpoint-credentials";
import { getOnlineEndpoint } from "../../services/endpoints/get-online-endpoint";
import { listOnlineEndpoints } from "../../services/endpoints/list-online-endpoints";
import { regenerateEndpointKey } from "../../services/endpoints/regenerate-endpoint-key";
import { updateOnlineDeployment } from "../../services/endpoints/update-online-deployment";
import { testOnlineEndpoint } from "../../services/endpoints/test-online-endpoint";
import { updateOnlineEndpoint } from "../../services/endpoints/update-online-endpoint";
import { DONE, ZDone } from "../schemas";
import { router, workspaceProcedure } from "../trpc";
import {
  ZCreateDeploymentInput,
  ZCreateEndpointInput,
  ZCredentials,
  ZDeploymentAddress,
  ZDeploymentLogs,
  ZDeploymentMetrics,
  ZDeploymentUsage,
  ZEndpointAddress,
  ZEndpointSummary,
  ZTestEndpointAnswer,
  ZTestEndpointInput,
  ZUpdateDeploymentInput,
  ZUpdateEndpointInput,
} from "./endpoints-schemas";

const base = "/workspaces/{workspaceId}/online-endpoints";
const endpoint = `${base}/{endpointName}`;
const deployment = `${endpoint}/deployments/{name}`;
const ZWindowMinutes = z.coerce
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60)
  .default(60);
const meta = (method: "GET" | "POST" | "PATCH" | "DELETE", path: `/${string}`, summary: string) => ({
  openapi: { method, path, tags: ["online-endpoints"], summary },
});

export const endpointsRouter = router({
  list: workspaceProcedure("endpoint:read")
    .meta(meta("GET", base, "Online endpoints with their traffic and deployments' states"))
    .output(z.array(ZEndpointSummary))
    .query(({ ctx }) => listOnlineEndpoints(ctx.workspace.id)),

  byName: workspaceProcedure("endpoint:read")
    .meta(meta("GET", endpoint, "An online endpoint with its deployments and their instances (never its keys)"))
    .input(ZEndpointAddress)
    .output(ZOnlineEndpointView)
    .query(({ ctx, input }) => getOnlineEndpoint(ctx.workspace.id, input.endpointName)),

  create: workspaceProcedure("endpoint:write")
    .meta(meta("POST", base, "Create an online endpoint with two new keys; traffic is set once it has deployments"))
    .input(ZCreateEndpointInput)
    .output(ZOnlineEndpointView)
    .mutation(({ ctx, input }) =>
      createOnlineEndpoint(ctx.actor, ctx.workspace.id, {
        name: input.name,
        description: input.description,
        authMode: input.auth_mode,
      }),
    ),

  update: workspaceProcedure("endpoint:write")
    .meta(meta("PATCH", endpoint, "Change the description, auth mode, traffic (sums to 0 or 100) or mirror traffic"))
    .input(ZUpdateEndpointInput)
    .output(ZOnlineEndpointView)
    .mutation(({ ctx, input }) =>
      updateOnlineEndpoint(ctx.actor, ctx.workspace.id, input.endpointName, {
        description: input.description,
        authMode: input.auth_mode,
        traffic: input.traffic,
        mirrorTraffic: input.mirror_traffic,
      }),
    ),

  delete: workspaceProcedure("endpoint:write")
    .meta(meta("DELETE", endpoint, "Delete an online endpoint with its deployments"))
    .input(ZEndpointAddress)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await deleteOnlineEndpoint(ctx.actor, ctx.workspace.id, input.endpointName);
      return DONE;
    }),

  getCredentials: workspaceProcedure("endpoint:keys")
    .meta(meta("POST", `${endpoint}/get-credentials`, "The endpoint's two keys"))
    .input(ZEndpointAddress)
    .output(ZCredentials)
    .mutation(({ ctx, input }) => getEndpointCredentials(ctx.actor, ctx.workspace.id, input.endpointName)),

  regenerateKey: workspaceProcedure("endpoint:keys")
    .meta(meta("POST", `${endpoint}/regenerate-keys`, "Replace one key; the other keeps working"))
    .input(ZEndpointAddress.extend({ key_type: z.enum(["primary", "secondary"]) }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await regenerateEndpointKey(ctx.actor, ctx.workspace.id, input.endpointName, input.key_type);
      return DONE;
    }),

  test: workspaceProcedure("endpoint:invoke")
    .meta(meta("POST", `${endpoint}/test`, "Score one JSON request as the signed-in member, without a key"))
    .input(ZTestEndpointInput)
    .output(ZTestEndpointAnswer)
    .mutation(({ ctx, input }) =>
      testOnlineEndpoint(ctx.workspace.id, input.endpointName, { body: input.body, deployment: input.deployment }),
    ),

  createDeployment: workspaceProcedure("endpoint:write")
    .meta(
      meta("POST", `${endpoint}/deployments`, "Create a deployment (Azure ML deployment YAML fields) with no traffic"),
    )
    .input(ZCreateDeploymentInput)
    .output(ZOnlineDeploymentView)
    .mutation(({ ctx, input }) => {
      const { endpointName, ...spec } = input;
      return createOnlineDeployment(ctx.actor, ctx.workspace.id, endpointName, spec);
    }),

  updateDeployment: workspaceProcedure("endpoint:write")
    .meta(meta("PATCH", deployment, "Change a deployment; a new model, code or environment rolls its instances"))
    .input(ZUpdateDeploymentInput)
    .output(ZOnlineDeploymentView)
    .mutation(({ ctx, input }) => {
      const { endpointName, name, ...change } = input;
      return updateOnlineDeployment(ctx.actor, ctx.workspace.id, endpointName, name, change);
    }),

  deleteDeployment: workspaceProcedure("endpoint:write")
    .meta(meta("DELETE", deployment, "Delete a deployment that takes no live traffic"))
    .input(ZDeploymentAddress)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await deleteOnlineDeployment(ctx.actor, ctx.workspace.id, input.endpointName, input.name);
      return DONE;
    }),

  deploymentLogs: workspaceProcedure("endpoint:read")
    .meta(
      meta(
        "GET",
        `${deployment}/logs`,
        "The last lines of the deployment's image builds and of each instance's console",
      ),
    )
    .input(ZDeploymentAddress.extend({ lines: z.coerce.number().int().min(1).max(10_000).default(200) }))
    .output(ZDeploymentLogs)
    .query(({ ctx, input }) => deploymentLogs(ctx.workspace.id, input.endpointName, input.name, input.lines)),

  metrics: workspaceProcedure("endpoint:read")
    .meta(meta("GET", `${deployment}/metrics`, "Requests, latency percentiles and errors per minute"))
    .input(ZDeploymentAddress.extend({ windowMinutes: ZWindowMinutes }))
    .output(ZDeploymentMetrics)
    .query(({ ctx, input }) =>
      deploymentMetrics(ctx.workspace.id, input.endpointName, input.name, input.windowMinutes),
    ),

  usage: workspaceProcedure("endpoint:read")
    .meta(meta("GET", `${deployment}/usage`, "CPU and memory per minute, summed over the instances (kept 24 h)"))
    .input(
      ZDeploymentAddress.extend({
        windowMinutes: z.coerce
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(60),
      }),
    )
    .output(ZDeploymentUsage)
    .query(({ ctx, input }) => deploymentUsage(ctx.workspace.id, input.endpointName, input.name, input.windowMinutes)),
});
