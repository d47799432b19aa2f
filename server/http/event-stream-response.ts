import "server-only";

/**
 * Server-sent events from an async generator: one event per `pull` (so a slow reader holds the
 * source back), `release` called once when the stream ends or the client goes, and a failing
 * source told to the client as an `error` event (EventSource then reconnects with Last-Event-ID).
 */
export function eventStreamResponse<T>(
  events: AsyncGenerator<T>,
  format: (event: T) => string,
  release: () => void,
  label: string,
): Response {
  const encoder = new TextEncoder();
  let isClosed = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: IteratorResult<T>;
      try {
        next = await events.next();
      } catch (error) {
        if (isClosed) return;
        console.error(`${label}: log stream failed`, error);
        controller.enqueue(
          encoder.encode(
            `event: error\ndata: ${JSON.stringify({ message: "The log stream failed on the server; reconnect to resume" })}\n\n`,
          ),
        );
        next = { done: true, value: undefined };
      }
      // The client may have gone while the next event was awaited.
      if (isClosed) return;
      if (!next.done) return controller.enqueue(encoder.encode(format(next.value)));
      isClosed = true;
      release();
      controller.close();
    },
    async cancel() {
      isClosed = true;
      release();
      await events.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
