// Every host carries `host=<its name>` besides its own labels, so a job can name one host
// directly and a target's selector can pick hosts by name.
export function effectiveLabels(host: { name: string; labels: unknown }): Record<string, string> {
  return { ...(host.labels as Record<string, string>), host: host.name };
}

export function matchesSelector(labels: Record<string, string>, selector: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
