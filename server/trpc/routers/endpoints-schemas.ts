import { z } from "zod";
import { JSON_BODY_LIMIT } from "../../http/body-limits";
import {
  ZAuthMode,
  ZDeploymentName,
  ZDeploymentSpec,
  ZDeploymentUpdate,
  ZEndpointDescription,
  ZEndpointName,
  ZTrafficMap,
} from "../../services/endpoints/endpoint-input";

export const ZEndpointAddress = z.object({ endpointName: ZEndpointName });
export const ZDeploymentAddress = ZEndpointAddress.extend({ name: ZDeploymentName });

export const ZCreateEndpointInput = z.object({
  name: ZEndpointName,
  description: ZEndpointDescription.optional(),
  auth_mode: ZAuthMode.optional(),
});

export const ZUpdateEndpointInput = ZEndpointAddress.extend({
  description: ZEndpointDescription.optional(),
  auth_mode: ZAuthMode.optional(),
  traffic: ZTrafficMap.optional(),
  mirror_traffic: ZTrafficMap.optional(),
});

export const ZCreateDeploymentInput = ZDeploymentSpec.extend({ endpointName: ZEndpointName });
export const ZUpdateDeploymentInput = ZDeploymentUpdate.extend({ endpointName: ZEndpointName, name: ZDeploymentName });

export const ZEndpointSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  auth_mode: ZAuthMode,
  scoring_uri: z.string(),
  traffic: ZTrafficMap,
  mirror_traffic: ZTrafficMap,
  deployments: z.array(z.object({ name: z.string(), state: z.string() })),
  createdAt: z.date(),
});

// The Test tab sends one JSON document inside a studio call, so within that call's limit.
export const ZTestEndpointInput = ZEndpointAddress.extend({
  body: z
    .string()
    .max(JSON_BODY_LIMIT)
    .refine((text) => isJson(text), "The request body is not valid JSON"),
  deployment: ZDeploymentName.nullable().default(null),
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export const ZTestEndpointAnswer = z.object({
  status: z.number(),
  deployment: z.string().nullable(),
  contentType: z.string(),
  body: z.string(),
});

export const ZCredentials = z.object({ primaryKey: z.string(), secondaryKey: z.string() });

export const ZDeploymentLogs = z.array(
  z.object({ instanceId: z.string(), generation: z.number(), state: z.string(), text: z.string() }),
);

export const ZDeploymentMetrics = z.array(
  z.object({
    minute: z.date(),
    requests: z.number(),
    mirrored: z.number(),
    p50: z.number().nullable(),
    p95: z.number().nullable(),
    p99: z.number().nullable(),
    errors4xx: z.number(),
    errors5xx: z.number(),
  }),
);

export const ZDeploymentUsage = z.array(
  z.object({
    minute: z.date(),
    /** Percent of one CPU, summed over the instances. */
    cpuPercent: z.number(),
    memoryBytes: z.number(),
    instances: z.number(),
  }),
);
