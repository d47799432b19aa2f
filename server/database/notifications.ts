import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";

// Every PostgreSQL channel Crucible uses, heard by studio instances and workers alike.
export const CHANNELS = {
  /** A job became ready to claim: idle workers wake at once instead of at their next poll. */
  jobs: "crucible_jobs",
  /** A data profile was requested: an idle worker computes it at once. */
  dataProfiles: "crucible_data_profiles",
  /** Something about one run changed (its status, a cancel request, new console lines); the payload is its id. */
  run: "crucible_run",
  /** Tokens, users, memberships, roles or workspaces changed (sent by triggers, see migration access_change_notices). */
  access: "crucible_access_changed",
  /** An online endpoint, its deployments or their instances changed: routers reload, reconcilers wake. */
  endpoints: "crucible_endpoints",
} as const;

type TSql = Pick<Prisma.TransactionClient, "$executeRaw">;

/** Inside a transaction, the notice goes out when (and only if) it commits. */
export async function notifyJobsQueued(sql: TSql = db()): Promise<void> {
  await sql.$executeRaw`SELECT pg_notify(${CHANNELS.jobs}, '')`;
}

export async function notifyRunChanged(runId: string, sql: TSql = db()): Promise<void> {
  await sql.$executeRaw`SELECT pg_notify(${CHANNELS.run}, ${runId})`;
}

export async function notifyDataProfilesQueued(sql: TSql = db()): Promise<void> {
  await sql.$executeRaw`SELECT pg_notify(${CHANNELS.dataProfiles}, '')`;
}

export async function notifyEndpointsChanged(sql: TSql = db()): Promise<void> {
  await sql.$executeRaw`SELECT pg_notify(${CHANNELS.endpoints}, '')`;
}
