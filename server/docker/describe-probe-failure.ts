import { EngineProbeError, type TEngineLimits } from "./engine-get";

const BY_CODE: Record<string, string> = {
  ECONNREFUSED: "Connection refused",
  ENOENT: "No Docker socket at that path",
  EACCES: "Permission denied on the Docker socket",
  EPERM: "Permission denied on the Docker socket",
  ENOTFOUND: "Host name not found",
  EAI_AGAIN: "Host name not found",
  EHOSTUNREACH: "Host unreachable",
  ENETUNREACH: "Network unreachable",
  ETIMEDOUT: "Connection timed out",
  ECONNRESET: "The connection was closed before the engine answered",
  EPIPE: "The connection was closed before the engine answered",
};

/**
 * What went wrong, in one sentence for the host's page. Never the remote side's text: an
 * endpoint could be any service, and its answer is not for workspace members to read.
 */
export function describeProbeFailure(error: unknown, limits: TEngineLimits): string {
  if (error instanceof EngineProbeError) return error.message;
  const e = (error ?? {}) as { name?: string; code?: string; level?: string; message?: string };
  if (e.name === "AbortError" || e.code === "ABORT_ERR") return `No answer within ${limits.totalMs / 1000} s`;
  if (e.code && BY_CODE[e.code]) return BY_CODE[e.code]!;
  if (e.level === "client-timeout") return `Could not connect within ${limits.connectMs / 1000} s`;
  if (e.level === "client-authentication") return "SSH authentication failed (check the private key and user)";
  if (/host denied|verification failed/i.test(e.message ?? "")) return "The SSH host key does not match the pinned one";
  if (e.level === "client-socket" || e.level === "protocol" || e.level === "handshake") return "SSH connection failed";
  if (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|UNABLE_TO|SELF_SIGNED|ERR_OSSL)/.test(e.code ?? ""))
    return "TLS handshake failed (check the certificates)";
  if (/socket hang up/i.test(e.message ?? "")) return "The connection was closed before the engine answered";
  return "Connection failed";
}
