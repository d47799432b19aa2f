import { describe, expect, it } from "vitest";
import { sseEvents } from "./sse-events";

async function* chunks(text: string, size: number) {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

describe("sseEvents", () => {
  it("parses events split anywhere, skips comments and joins data lines", async () => {
    const stream = ': keepalive\n\nid: 7\nevent: line\ndata: {"text":"héllo"}\n\nevent: end\ndata: a\ndata: b\n\n';
    for (const size of [1, 3, 1000]) {
      const events = [];
      for await (const event of sseEvents(chunks(stream, size))) events.push(event);
      expect(events).toEqual([
        { id: "7", type: "line", data: '{"text":"héllo"}' },
        { id: null, type: "end", data: "a\nb" },
      ]);
    }
  });
});
