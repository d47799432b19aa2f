import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { ACTIVE_JOB_STATUSES } from "../runs/run-status";

/** What is held of a host: its active jobs' requests and its endpoint instances'; only jobs take run slots. */
export type THostReservation = { runs: number; instances: number; cpu: number; memoryBytes: bigint; gpus: number };

const ACTIVE: string[] = [...ACTIVE_JOB_STATUSES];

/**
 * The reservations of the hosts `hostIds`, as placement counts them: jobs and endpoint instances
 * draw on the same CPU and memory, so neither kind over-fills a host the other uses. Read inside
 * the placement lock's transaction (`crucible.placement`) for a decision that holds; the host
 * lists show the same figures.
 */
export async function hostReservations(
  tx: Pick<Prisma.TransactionClient, "$queryRaw">,
  hostIds: string[],
): Promise<Map<string, THostReservation>> {
  const rows = await tx.$queryRaw<({ hostId: string } & THostReservation)[]>`
    SELECT h."id" AS "hostId", jobs."runs", instances."count" AS "instances", jobs."cpu" + instances."cpu" AS "cpu",
           jobs."memoryBytes" + instances."memoryBytes" AS "memoryBytes", jobs."gpus"
    FROM unnest(${hostIds}::text[]) AS h("id")
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS "runs", coalesce(sum(j."cpu"), 0)::float8 AS "cpu",
             coalesce(sum(j."memoryBytes"), 0)::bigint AS "memoryBytes", coalesce(sum(j."gpus"), 0)::int AS "gpus"
      FROM "Job" j JOIN "Run" r ON r."id" = j."runId"
      WHERE j."hostId" = h."id" AND r."status"::text = ANY(${ACTIVE}::text[])) jobs
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS "count", coalesce(sum(d."cpu"), 0)::float8 AS "cpu",
             coalesce(sum(d."memoryBytes"), 0)::bigint AS "memoryBytes"
      FROM "EndpointInstance" i JOIN "OnlineDeployment" d ON d."id" = i."deploymentId"
      WHERE i."hostId" = h."id" AND i."state" <> 'Failed') instances`;
  return new Map(rows.map(({ hostId, ...reservation }) => [hostId, reservation]));
}

/** Whether `request` fits what is left of a host's CPU and memory (unset capacity: no limit). */
export function fitsCapacity(
  host: { cpus: number | null; memoryBytes: bigint | null },
  held: Pick<THostReservation, "cpu" | "memoryBytes">,
  request: { cpu: number | null; memoryBytes: bigint | null },
): boolean {
  if (request.cpu && host.cpus && held.cpu + request.cpu > host.cpus) return false;
  if (request.memoryBytes && host.memoryBytes && held.memoryBytes + request.memoryBytes > host.memoryBytes)
    return false;
  return true;
}
