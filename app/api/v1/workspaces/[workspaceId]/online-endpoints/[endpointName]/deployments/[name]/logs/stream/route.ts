import { z } from "zod";
import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { errorResponse } from "@/server/http/error-response";
import { eventStreamResponse } from "@/server/http/event-stream-response";
import { AppError } from "@/server/errors";
import { findOnlineDeployment } from "@/server/services/endpoints/find-online-deployment";
import { deploymentLogEvents, type TDeploymentLogEvent } from "@/server/streams/deployment-log-events";
import { takeStreamSlot } from "@/server/streams/stream-slots";

export const dynamic = "force-dynamic";

// Nanoseconds since the epoch, as the line events' ids carry them.
const ZCursor = z.string().regex(/^\d{1,20}$/);

type TParams = { params: Promise<{ workspaceId: string; endpointName: string; name: string }> };

/**
 * A deployment's instances' consoles as server-sent events: `line` events tagged with their
 * instance, whose id is the line's time (so a reconnecting EventSource resumes with
 * Last-Event-ID), `status` events with the deployment's state, and `end` once it is deleted.
 * Authorised before the stream opens.
 */
export async function GET(req: Request, { params }: TParams) {
  try {
    const { workspaceId, endpointName, name } = await params;
    const { caller } = await authorizeWorkspaceRequest(req, workspaceId, "endpoint:read");
    const { deployment } = await findOnlineDeployment(
      workspaceId,
      decodeURIComponent(endpointName),
      decodeURIComponent(name),
    );
    const rawCursor = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("after") ?? "0";
    const cursor = ZCursor.safeParse(rawCursor);
    if (!cursor.success)
      throw new AppError("BAD_REQUEST", "Last-Event-ID (or ?after=) must be a line time in nanoseconds");

    const release = takeStreamSlot(caller.userId);
    req.signal.addEventListener("abort", release, { once: true });
    const events = deploymentLogEvents(deployment.id, BigInt(cursor.data), req.signal);
    return eventStreamResponse(events, format, release, `deployment ${deployment.id}`);
  } catch (error) {
    return errorResponse(error);
  }
}

function format(event: TDeploymentLogEvent): string {
  switch (event.kind) {
    case "line":
      return `id: ${event.cursor}\nevent: line\ndata: ${JSON.stringify({ seq: event.seq, instance: event.instance, stream: event.stream, text: event.text, time: event.time })}\n\n`;
    case "status":
      return `event: status\ndata: ${JSON.stringify({ status: event.status })}\n\n`;
    case "end":
      return `event: end\ndata: ${JSON.stringify({ status: event.status })}\n\n`;
    case "keepalive":
      return ": keepalive\n\n";
  }
}
