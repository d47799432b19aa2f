import "server-only";
import { createHash } from "node:crypto";
import path from "node:path";
import { CHANNELS } from "../database/notifications";
import { isListening, listen } from "../database/pg-listener";
import { db } from "../db";
import { openSecret } from "../secrets/secret-box";
import type { TTrafficMap } from "../services/endpoints/endpoint-input";

export type TRouteInstance = { id: string; socketPath: string };
export type TRouteDeployment = {
  id: string;
  name: string;
  requestTimeoutMs: number;
  maxConcurrent: number;
  /** The instances in the rotation: ready ones only. */
  instances: TRouteInstance[];
};
export type TRoute = {
  endpointId: string;
  workspaceId: string;
  authMode: "key" | "token";
  /** SHA-256 of the two keys: a presented key is compared as a digest of one length, in constant time. */
  keyDigests: [Buffer, Buffer];
  traffic: TTrafficMap;
  mirrorTraffic: TTrafficMap;
  deployments: Map<string, TRouteDeployment>;
};

// A bound on staleness while the listener is down; with it up, every change is heard at once.
const MAX_AGE_MS = 1000;
// A fresh read is skipped when the remembered one is this recent: refused requests (a wrong key,
// a name that does not exist) then cost the database at most one read per endpoint this often.
const FRESH_MS = 50;
const entries = new Map<string, { route: TRoute | null; loadedAt: number; until: number }>();
let generation = 0;
let subscribing: Promise<unknown> | null = null;

function forget(): void {
  generation += 1;
  entries.clear();
}

/**
 * The routing of one endpoint (`workspace` by name or id), read from the database and remembered
 * until the endpoints channel says something changed: the hot path asks PostgreSQL nothing.
 * `isFresh` reads it again unless it was read in the last FRESH_MS (the notice of a change just
 * committed may still be on its way).
 */
export async function routeFor(
  workspaceRef: string,
  endpointName: string,
  { isFresh = false } = {},
): Promise<TRoute | null> {
  subscribing ??= listen(CHANNELS.endpoints, forget).catch(() => (subscribing = null));
  const key = `${workspaceRef}\u0000${endpointName}`;
  const hit = entries.get(key);
  const now = Date.now();
  if (hit && hit.until > now && (!isFresh || now - hit.loadedAt < FRESH_MS)) return hit.route;
  const seen = generation;
  const route = await load(workspaceRef, endpointName);
  if (seen === generation)
    entries.set(key, {
      route,
      loadedAt: Date.now(),
      until: Date.now() + (isListening(CHANNELS.endpoints) ? 60_000 : MAX_AGE_MS),
    });
  return route;
}

async function load(workspaceRef: string, endpointName: string): Promise<TRoute | null> {
  const endpoint = await db().onlineEndpoint.findFirst({
    where: { name: endpointName, workspace: { OR: [{ name: workspaceRef }, { id: workspaceRef }] } },
    include: {
      deployments: {
        include: { instances: { where: { state: "Ready" }, select: { id: true, socketDir: true } } },
      },
    },
  });
  if (!endpoint) return null;
  return {
    endpointId: endpoint.id,
    workspaceId: endpoint.workspaceId,
    authMode: endpoint.authMode,
    keyDigests: [keyDigest(openSecret(endpoint.primaryKeySealed)), keyDigest(openSecret(endpoint.secondaryKeySealed))],
    traffic: endpoint.traffic as TTrafficMap,
    mirrorTraffic: endpoint.mirrorTraffic as TTrafficMap,
    deployments: new Map(
      endpoint.deployments.map((d) => [
        d.name,
        {
          id: d.id,
          name: d.name,
          requestTimeoutMs: d.requestTimeoutMs,
          maxConcurrent: d.maxConcurrentRequestsPerInstance,
          instances: d.instances.map((i) => ({ id: i.id, socketPath: path.join(i.socketDir, "score.sock") })),
        },
      ]),
    ),
  };
}

export function keyDigest(key: string | Buffer): Buffer {
  return createHash("sha256").update(key).digest();
}
