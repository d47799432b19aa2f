import { z } from "zod";
import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { errorResponse } from "@/server/http/error-response";
import { eventStreamResponse } from "@/server/http/event-stream-response";
import { AppError } from "@/server/errors";
import { findRunWorkspace } from "@/server/services/runs/find-run-workspace";
import { runLogEvents, type TRunLogEvent } from "@/server/streams/run-log-events";
import { takeStreamSlot } from "@/server/streams/stream-slots";

export const dynamic = "force-dynamic";

const ZCursor = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/**
 * The run's console as server-sent events: `line` events whose id is the line's sequence number
 * (so a reconnecting EventSource resumes with Last-Event-ID), `status` events, and `end`.
 * Authorised before the stream opens.
 */
export async function GET(req: Request, { params }: { params: Promise<{ runId: string }> }) {
  try {
    const { runId } = await params;
    const workspaceId = await findRunWorkspace(runId);
    const { caller } = await authorizeWorkspaceRequest(req, workspaceId, "experiment:read", runId);
    const rawCursor = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("after") ?? "0";
    const cursor = ZCursor.safeParse(rawCursor);
    if (!cursor.success) throw new AppError("BAD_REQUEST", "Last-Event-ID (or ?after=) must be a line sequence number");

    const release = takeStreamSlot(caller.userId);
    req.signal.addEventListener("abort", release, { once: true });
    const events = runLogEvents(runId, cursor.data, req.signal);
    return eventStreamResponse(events, format, release, `run ${runId}`);
  } catch (error) {
    return errorResponse(error);
  }
}

function format(event: TRunLogEvent): string {
  switch (event.kind) {
    case "line":
      return `id: ${event.seq}\nevent: line\ndata: ${JSON.stringify({ seq: event.seq, stream: event.stream, text: event.text, time: event.time })}\n\n`;
    case "status":
      return `event: status\ndata: ${JSON.stringify({ status: event.status })}\n\n`;
    case "end":
      return `event: end\ndata: ${JSON.stringify({ status: event.status })}\n\n`;
    case "keepalive":
      return ": keepalive\n\n";
  }
}
