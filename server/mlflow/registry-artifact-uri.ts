const PREFIX = "registry/";

/**
 * A registered version's own files, under the artifact service so MLflow clients download them
 * as any artifact: `models:/name@alias` resolves through get-download-uri to this URI.
 */
export function registryArtifactUri(versionId: string): string {
  return `mlflow-artifacts:/${PREFIX}${versionId}`;
}

export function isRegistryArtifactPath(path: string): boolean {
  return path.replace(/^\/+/, "").startsWith(PREFIX);
}
