export type TSseEvent = { id: string | null; type: string; data: string };

/**
 * Server-sent events from a response body, one at a time (comments skipped). Shared by the CLI's
 * log follower and the benchmarks, which read the same stream as a client would.
 */
export async function* sseEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<TSseEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const event = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event) yield event;
    }
  }
}

function parseEvent(block: string): TSseEvent | null {
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
