import type { ApiClient } from "./api-client";
import { sseEvents } from "./sse-events";

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
      for await (const event of sseEvents(response.body as unknown as AsyncIterable<Uint8Array>)) {
        failures = 0;
        if (event.id) lastEventId = event.id;
        if (event.type === "line") onLine(JSON.parse(event.data) as TLogLine);
        if (event.type === "end") return (JSON.parse(event.data) as { status: string }).status;
      }
    } catch (error) {
      if ((error as { isFatal?: boolean }).isFatal) throw error;
      failures += 1;
      if (failures > 30) throw error;
    }
    await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** failures)));
  }
}
