import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { notifyEndpointsChanged } from "../../database/notifications";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import type { TDeploymentSpec } from "./endpoint-input";
import { DEPLOYMENT_VIEW_INCLUDE, toDeploymentView } from "./endpoint-views";
import { findOnlineEndpoint } from "./find-online-endpoint";
import { resolveDeploymentParts } from "./resolve-deployment-parts";

const MiB = 1048576n;

/**
 * A new deployment with no traffic (Azure's safe rollout: test it through the header, then
 * shift traffic); the worker starts its instances.
 */
export async function createOnlineDeployment(
  actor: TActor,
  workspaceId: string,
  endpointName: string,
  spec: TDeploymentSpec,
) {
  if (spec.endpoint_name && spec.endpoint_name !== endpointName)
    throw new AppError("BAD_REQUEST", `endpoint_name: '${spec.endpoint_name}' is not '${endpointName}'`);
  try {
    return await db().$transaction(async (tx) => {
      const endpoint = await findOnlineEndpoint(workspaceId, endpointName, tx);
      const parts = await resolveDeploymentParts(tx, workspaceId, {
        model: spec.model,
        environment: spec.environment,
        code: spec.code_configuration ?? null,
      });
      const deployment = await tx.onlineDeployment.create({
        data: {
          endpointId: endpoint.id,
          name: spec.name,
          ...parts,
          code: parts.code ?? undefined,
          instanceCount: spec.instance_count,
          cpu: spec.resources?.cpu ?? null,
          memoryBytes: spec.resources?.memory_mb === undefined ? null : BigInt(spec.resources.memory_mb) * MiB,
          requestTimeoutMs: spec.request_settings.request_timeout_ms,
          maxConcurrentRequestsPerInstance: spec.request_settings.max_concurrent_requests_per_instance,
          probes: { liveness: spec.liveness_probe, readiness: spec.readiness_probe },
          createdById: actor.userId,
        },
        include: DEPLOYMENT_VIEW_INCLUDE,
      });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "endpoint.deployment.create",
        targetType: "onlineDeployment",
        targetId: deployment.id,
        details: { endpoint: endpointName, name: spec.name, model: parts.modelRef, instanceCount: spec.instance_count },
      });
      await notifyEndpointsChanged(tx);
      return toDeploymentView(endpointName, deployment);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `Endpoint '${endpointName}' already has a deployment named '${spec.name}'`);
    throw error;
  }
}
