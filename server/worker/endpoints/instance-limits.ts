/** A deployment's request of each instance's host: null parts ask nothing. */
type TInstanceRequest = { cpu: number | null; memoryBytes: bigint | null };

/** An instance container's CPU and memory limits: what its deployment asks, else the host's defaults (as for jobs). */
export function instanceLimits(
  request: TInstanceRequest,
  host: { defaultCpu: number; defaultMemoryBytes: bigint },
): { cpu: number; memoryBytes: number } {
  return { cpu: request.cpu ?? host.defaultCpu, memoryBytes: Number(request.memoryBytes ?? host.defaultMemoryBytes) };
}

/** The request in words, for a deployment waiting for room. */
export function describeRequest(request: TInstanceRequest): string {
  const parts = [
    request.cpu === null ? null : `${request.cpu} CPU`,
    request.memoryBytes === null ? null : `${Number(request.memoryBytes / 1048576n)} MiB`,
  ];
  return parts.filter(Boolean).join(", ");
}
