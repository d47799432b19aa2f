import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import type { TEndpointCaller } from "../../docker/docker-endpoint";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import { assertEndpointAllowed } from "./assert-endpoint-allowed";
import type { THostInput } from "./compute-inputs";
import { engineConnection } from "./engine-connection";
import { shareHostIn } from "./share-host";

/** A site host, shared at once with `input.workspaceIds`; the caller probes it afterwards. */
export async function registerHost(actor: TActor & TEndpointCaller, input: THostInput) {
  try {
    return await db().$transaction(async (tx) => {
      await assertEndpointAllowed(actor, input, tx);
      const host = await tx.computeHost.create({
        data: {
          name: input.name,
          ...engineConnection(input),
          labels: input.labels,
          maxConcurrentRuns: input.maxConcurrentRuns,
          networkMode: input.networkMode,
          runStepsAsRoot: input.runStepsAsRoot,
          defaultCpu: input.defaultCpu,
          defaultMemoryBytes: BigInt(input.defaultMemoryBytes),
        },
      });
      await recordAuditEvent(tx, actor, {
        workspaceId: null,
        action: "compute.host.register",
        targetType: "computeHost",
        targetId: host.id,
        details: {
          name: host.name,
          endpoint: host.endpoint,
          networkMode: host.networkMode,
          runStepsAsRoot: host.runStepsAsRoot,
        },
      });
      for (const workspaceId of new Set(input.workspaceIds)) await shareHostIn(tx, actor, host, workspaceId);
      return host;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `A host named '${input.name}' already exists`);
    throw error;
  }
}
