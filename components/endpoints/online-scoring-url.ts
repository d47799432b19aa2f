/** The absolute scoring URL: the server knows only the path, the browser knows where the studio is. */
export function absoluteScoringUrl(scoringUri: string): string {
  return typeof window === "undefined" ? scoringUri : new URL(scoringUri, window.location.origin).toString();
}

export function curlSnippet(url: string, authMode: "key" | "token", body: string): string {
  const secret = authMode === "key" ? "$ENDPOINT_KEY" : "$CRUCIBLE_TOKEN";
  return [
    `curl -X POST "${url}" \\`,
    `  -H "Authorization: Bearer ${secret}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${body}'`,
  ].join("\n");
}

/** `body` is JSON of numbers and strings, which reads the same as a Python literal. */
export function pythonSnippet(url: string, authMode: "key" | "token", body: string): string {
  const secret = authMode === "key" ? "ENDPOINT_KEY" : "CRUCIBLE_TOKEN";
  return [
    "import os",
    "import requests",
    "",
    "response = requests.post(",
    `    "${url}",`,
    `    headers={"Authorization": f"Bearer {os.environ['${secret}']}"},`,
    `    json=${body},`,
    "    timeout=30,",
    ")",
    'print(response.status_code, response.headers.get("x-crucible-deployment"), response.json())',
  ].join("\n");
}
