import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { ZProbeSpec, ZTrafficMap, type TProbes } from "./endpoint-input";

export const DEPLOYMENT_VIEW_INCLUDE = {
  modelVersion: { include: { model: true } },
  environmentVersion: { include: { environment: true } },
  instances: { orderBy: { startedAt: "asc" }, include: { host: { select: { name: true } } } },
} as const satisfies Prisma.OnlineDeploymentInclude;

type TDeploymentRow = Prisma.OnlineDeploymentGetPayload<{ include: typeof DEPLOYMENT_VIEW_INCLUDE }>;

export const ZInstanceView = z.object({
  id: z.string(),
  generation: z.number(),
  state: z.enum(["Starting", "Ready", "Unready", "Failed"]),
  /** The Docker host it runs on (null once that host is deleted). */
  host: z.string().nullable(),
  failures: z.number(),
  lastError: z.string().nullable(),
  startedAt: z.date(),
  readyAt: z.date().nullable(),
});

/** A deployment in Azure ML's field names, as `online-deployment show` prints it. */
export const ZOnlineDeploymentView = z.object({
  id: z.string(),
  name: z.string(),
  endpoint_name: z.string(),
  /** The model as written at deploy time, and the version it resolved to. */
  model: z.string(),
  model_version: z.object({ name: z.string(), version: z.number(), type: z.string() }),
  environment: z.string(),
  code_configuration: z.object({ scoring_script: z.string(), files: z.array(z.string()) }).nullable(),
  instance_count: z.number(),
  /** What each instance asks of its host; null asks nothing (the host's default limit applies). */
  resources: z.object({ cpu: z.number().nullable(), memory_mb: z.number().nullable() }),
  request_settings: z.object({
    request_timeout_ms: z.number(),
    max_concurrent_requests_per_instance: z.number(),
  }),
  liveness_probe: ZProbeSpec,
  readiness_probe: ZProbeSpec,
  generation: z.number(),
  state: z.enum(["Creating", "Ready", "Updating", "Unhealthy", "Failed", "Deleting"]),
  error: z.string().nullable(),
  /** What the worker is doing for it that takes a while, such as building its image. */
  message: z.string().nullable(),
  instances: z.array(ZInstanceView),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TOnlineDeploymentView = z.infer<typeof ZOnlineDeploymentView>;

export const ZOnlineEndpointView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  auth_mode: z.enum(["key", "token"]),
  /** Relative to the studio's URL. */
  scoring_uri: z.string(),
  traffic: ZTrafficMap,
  mirror_traffic: ZTrafficMap,
  deployments: z.array(ZOnlineDeploymentView),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TOnlineEndpointView = z.infer<typeof ZOnlineEndpointView>;

export type TStoredCode = { files: Record<string, string>; scoringScript: string };

export function toDeploymentView(endpointName: string, row: TDeploymentRow): TOnlineDeploymentView {
  const probes = row.probes as TProbes;
  const code = row.code as TStoredCode | null;
  const env = row.environmentVersion;
  return {
    id: row.id,
    name: row.name,
    endpoint_name: endpointName,
    model: row.modelRef,
    model_version: {
      name: row.modelVersion.model.name,
      version: row.modelVersion.version,
      type: row.modelVersion.type,
    },
    environment: `${env.environment.name}:${env.version}`,
    code_configuration: code ? { scoring_script: code.scoringScript, files: Object.keys(code.files).sort() } : null,
    instance_count: row.instanceCount,
    resources: {
      cpu: row.cpu,
      memory_mb: row.memoryBytes === null ? null : Number(row.memoryBytes / 1048576n),
    },
    request_settings: {
      request_timeout_ms: row.requestTimeoutMs,
      max_concurrent_requests_per_instance: row.maxConcurrentRequestsPerInstance,
    },
    liveness_probe: probes.liveness,
    readiness_probe: probes.readiness,
    generation: row.generation,
    state: row.state,
    error: row.error,
    message: row.message,
    instances: row.instances.map((i) => ({
      id: i.id,
      generation: i.generation,
      state: i.state,
      host: i.host?.name ?? null,
      failures: i.failures,
      lastError: i.lastError,
      startedAt: i.startedAt,
      readyAt: i.readyAt,
    })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function scoringPath(workspaceName: string, endpointName: string): string {
  return `/endpoints/${encodeURIComponent(workspaceName)}/${encodeURIComponent(endpointName)}/score`;
}
