import type { Prisma } from "../../generated/prisma/client";
import { endpointRefusal, parseDockerEndpoint, type TEndpointCaller } from "../../docker/docker-endpoint";
import { AppError } from "../../errors";
import { getSiteSettings } from "../settings/get-site-settings";
import type { TEngineCredentials } from "./compute-inputs";

/** BAD_REQUEST naming `endpoint` when the site's policy refuses it for this caller (see endpointRefusal). */
export async function assertEndpointAllowed(
  caller: TEndpointCaller,
  input: TEngineCredentials,
  tx?: Prisma.TransactionClient,
): Promise<void> {
  const endpoint = parseDockerEndpoint(input.endpoint);
  if (!endpoint) throw new AppError("BAD_REQUEST", "Invalid input: endpoint: not a Docker endpoint");
  const refusal = endpointRefusal(
    endpoint,
    { hasTls: Boolean(input.tls), hasSshKey: Boolean(input.sshKey) },
    caller,
    await getSiteSettings(tx),
  );
  if (refusal) throw new AppError("BAD_REQUEST", `Invalid input: endpoint: ${refusal}`);
}
