import type { TEngineConnection } from "../../docker/docker-client";
import { sealSecret } from "../../secrets/secret-box";
import type { TEngineCredentials } from "./compute-inputs";

/** The stored form of an endpoint and its credentials, keys sealed: for registering and for testing. */
export function engineConnection(input: TEngineCredentials): TEngineConnection {
  return {
    endpoint: input.endpoint,
    tlsCa: input.tls?.ca ?? null,
    tlsCert: input.tls?.cert ?? null,
    tlsKeyEncrypted: input.tls ? sealSecret(input.tls.key) : null,
    sshKeyEncrypted: input.sshKey ? sealSecret(input.sshKey) : null,
    sshHostKey: input.sshHostKey ?? null,
  };
}
