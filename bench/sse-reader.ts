import { sseEvents } from "../cli/sse-events";

/** Reads a server-sent event stream and calls `onEvent` per event until it ends or is aborted. */
export async function readEvents(
  url: string,
  token: string,
  onEvent: (type: string, data: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal });
  if (!response.ok || !response.body) throw new Error(`${url}: ${response.status}`);
  try {
    for await (const event of sseEvents(response.body as unknown as AsyncIterable<Uint8Array>)) {
      onEvent(event.type, event.data);
      if (event.type === "end") return;
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}
