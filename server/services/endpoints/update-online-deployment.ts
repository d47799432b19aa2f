import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { notifyEndpointsChanged } from "../../database/notifications";
import { db } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import type { TDeploymentUpdate, TProbes } from "./endpoint-input";
import { DEPLOYMENT_VIEW_INCLUDE, toDeploymentView, type TStoredCode } from "./endpoint-views";
import { findOnlineDeployment } from "./find-online-deployment";
import { resolveDeploymentParts } from "./resolve-deployment-parts";

const MiB = 1048576n;

/**
 * Applies a change. What the containers are made from (model, code, environment, resources,
 * probes) bumps the generation, and the worker replaces the instances one by one; a new instance
 * count or request settings need no new containers.
 */
export async function updateOnlineDeployment(
  actor: TActor,
  workspaceId: string,
  endpointName: string,
  name: string,
  change: TDeploymentUpdate,
) {
  return db().$transaction(async (tx) => {
    const { deployment } = await findOnlineDeployment(workspaceId, endpointName, name, tx);
    await tx.$executeRaw`SELECT 1 FROM "OnlineDeployment" WHERE "id" = ${deployment.id} FOR UPDATE`;
    const isRebuilt =
      change.model !== undefined ||
      change.environment !== undefined ||
      change.code_configuration !== undefined ||
      change.resources !== undefined ||
      change.liveness_probe !== undefined ||
      change.readiness_probe !== undefined;
    const storedCode = deployment.code as TStoredCode | null;
    const parts = isRebuilt
      ? await resolveDeploymentParts(tx, workspaceId, {
          model: change.model ?? deployment.modelRef,
          environment: change.environment,
          code:
            change.code_configuration === undefined
              ? storedCode && { code: storedCode.files, scoring_script: storedCode.scoringScript }
              : change.code_configuration,
        })
      : null;
    const probes = deployment.probes as TProbes;
    const updated = await tx.onlineDeployment.update({
      where: { id: deployment.id },
      data: {
        ...(parts
          ? {
              modelRef: parts.modelRef,
              modelVersionId: parts.modelVersionId,
              // An update that names no environment keeps the deployment's own.
              environmentVersionId: change.environment ? parts.environmentVersionId : undefined,
              code: parts.code ?? Prisma.DbNull,
              generation: { increment: 1 },
            }
          : {}),
        instanceCount: change.instance_count,
        cpu: change.resources?.cpu,
        memoryBytes: change.resources?.memory_mb === undefined ? undefined : BigInt(change.resources.memory_mb) * MiB,
        requestTimeoutMs: change.request_settings?.request_timeout_ms,
        maxConcurrentRequestsPerInstance: change.request_settings?.max_concurrent_requests_per_instance,
        probes: {
          liveness: change.liveness_probe ?? probes.liveness,
          readiness: change.readiness_probe ?? probes.readiness,
        },
        ...(isRebuilt || change.instance_count !== undefined ? { state: "Updating", error: null } : {}),
      },
      include: DEPLOYMENT_VIEW_INCLUDE,
    });
    await recordAuditEvent(tx, actor, {
      workspaceId,
      action: "endpoint.deployment.update",
      targetType: "onlineDeployment",
      targetId: deployment.id,
      details: {
        endpoint: endpointName,
        name,
        changed: Object.keys(change).filter((k) => change[k as keyof TDeploymentUpdate] !== undefined),
        ...(parts ? { model: parts.modelRef, generation: updated.generation } : {}),
      },
    });
    await notifyEndpointsChanged(tx);
    return toDeploymentView(endpointName, updated);
  });
}
