import type { ApiClient } from "./api-client";

export type TLogLine = { seq: number; stream: string; text: string };

/**
 * Follows a run's console over server-sent events to its end, resuming with Last-Event-ID
 * after a dropped connection. Resolves with the run's final status.
 */
export async function followLogs(api: ApiClient, runId: string, onLine: (line: TLogLine) => void): Promise<string> {
  let lastEventId: string | null = null;
  let failures = 0;
  for (;;) {
    try {
      const response = await api.stream(`/runs/${runId}/logs/stream`, lastEventId);
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        throw Object.assign(new Error(body.message ?? `HTTP ${response.status}`), { isFatal: response.status < 500 });
      }
      const decoder = new TextDecoder();
      let buffer = "";
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parseEvent(block);
          if (!event) continue;
          failures = 0;
          if (event.id) lastEventId = event.id;
          if (event.type === "line") onLine(JSON.parse(event.data) as TLogLine);
          if (event.type === "end") return (JSON.parse(event.data) as { status: string }).status;
        }
      }
    } catch (error) {
      if ((error as { isFatal?: boolean }).isFatal) throw error;
      failures += 1;
      if (failures > 30) throw error;
    }
    await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** failures)));
  }
}

function parseEvent(block: string): { id: string | null; type: string; data: string } | null {
  let id: string | null = null;
  let type = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") id = value;
    else if (field === "event") type = value;
    else if (field === "data") data.push(value);
  }
  return data.length > 0 ? { id, type, data: data.join("\n") } : null;
}
