import "server-only";
import type { TEndpointCaller } from "../../docker/docker-endpoint";
import { db } from "../../db";
import { AppError } from "../../errors";
import { assertEndpointAllowed } from "./assert-endpoint-allowed";
import type { TEngineCredentials } from "./compute-inputs";
import { engineConnection } from "./engine-connection";
import { probeEngine, probeHost, type THostProbe } from "./probe-host";

/**
 * Tries an endpoint before it is registered, under the same policy as registering. The ssh host
 * key seen is returned, so the admin can check it before trusting it.
 */
export async function testEndpoint(caller: TEndpointCaller, input: TEngineCredentials): Promise<THostProbe> {
  await assertEndpointAllowed(caller, input);
  return probeEngine(engineConnection(input));
}

/** "Test connection" on a registered host: probed now, and the result recorded. */
export async function testHost(hostId: string): Promise<THostProbe> {
  const host = await db().computeHost.findUnique({ where: { id: hostId } });
  if (!host) throw new AppError("NOT_FOUND", "Host not found");
  return probeHost(host);
}
