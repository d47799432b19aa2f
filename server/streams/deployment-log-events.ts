import "server-only";
import { CHANNELS } from "../database/notifications";
import { listen } from "../database/pg-listener";
import { db } from "../db";
import { dockerFor } from "../docker/docker-client";
import { ConsoleLineSplitter } from "../worker/console-lines";
import { DockerLogFrameParser, timestampNanos } from "../worker/docker-log-frames";
import { KEEPALIVE_MS } from "./run-log-events";

/** Lines of each instance sent when a stream opens without a cursor. */
export const TAIL_LINES = 200;
// A slow reader pauses the containers' log streams rather than growing the queue without end.
const MAX_QUEUED = 5000;

export type TDeploymentLogEvent =
  | {
      kind: "line";
      seq: number;
      /** The line's Docker timestamp in nanoseconds: the event id a reconnecting client resumes after. */
      cursor: string;
      instance: string;
      stream: "stdout" | "stderr";
      text: string;
      time: string;
    }
  | { kind: "status"; status: string }
  | { kind: "keepalive" }
  | { kind: "end"; status: string };

/**
 * A deployment's consoles, live: every instance's container log followed (the last lines of the
 * instances running when the stream opens, everything of those started later, or everything
 * after `afterNanos` on a resume), each line tagged with its instance; the deployment's state
 * as it changes, woken by the endpoint notices and looked at again after each keepalive; and
 * an end event once the deployment is deleted.
 */
export async function* deploymentLogEvents(
  deploymentId: string,
  afterNanos: bigint,
  signal: AbortSignal,
  keepaliveMs = KEEPALIVE_MS,
): AsyncGenerator<TDeploymentLogEvent> {
  const queue: TDeploymentLogEvent[] = [];
  // An instance's entry is null while its log stream is being opened.
  const followers = new Map<string, NodeJS.ReadableStream | null>();
  let wake: (() => void) | null = null;
  let isPending = true;
  let isFirstLook = true;
  let seq = 0;
  let lastStatus: string | null = null;
  const unlisten = await listen(CHANNELS.endpoints, () => {
    isPending = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  signal.addEventListener("abort", onAbort);

  const follow = async (
    instance: { id: string; containerId: string; host: Parameters<typeof dockerFor>[0] },
    from: { tail: number } | { since: string } | null,
  ) => {
    followers.set(instance.id, null);
    const stream = (await dockerFor(instance.host)
      .getContainer(instance.containerId)
      .logs({
        follow: true,
        stdout: true,
        stderr: true,
        timestamps: true,
        ...(from && "tail" in from ? { tail: from.tail } : {}),
        ...(from && "since" in from ? { since: from.since as unknown as number } : {}),
      })
      .catch(() => null)) as NodeJS.ReadableStream | null;
    // Not started yet, or already gone: looked at again with the next notice or keepalive.
    if (!stream) return void followers.delete(instance.id);
    followers.set(instance.id, stream);
    if (signal.aborted) return destroy(stream);
    const parser = new DockerLogFrameParser();
    const splitters = { stdout: new ConsoleLineSplitter(), stderr: new ConsoleLineSplitter() };
    const tag = instance.id.slice(-8);
    stream.on("data", (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) {
        const nanos = timestampNanos(frame.timestamp);
        if (nanos <= afterNanos) continue;
        for (const text of splitters[frame.stream].push(frame.text))
          queue.push({
            kind: "line",
            seq: ++seq,
            cursor: nanos.toString(),
            instance: tag,
            stream: frame.stream,
            text,
            time: frame.timestamp,
          });
      }
      if (queue.length >= MAX_QUEUED) stream.pause();
      wake?.();
    });
    // An instance's stream ends with its container; the instance stays known so it is not followed twice.
    stream.on("error", () => undefined);
  };

  try {
    while (!signal.aborted) {
      while (queue.length > 0 && !signal.aborted) yield queue.shift()!;
      for (const stream of followers.values()) if (stream?.isPaused()) stream.resume();
      if (isPending) {
        isPending = false;
        const deployment = await db().onlineDeployment.findUnique({
          where: { id: deploymentId },
          select: { state: true, instances: { select: { id: true, containerId: true, host: true } } },
        });
        if (!deployment) {
          yield { kind: "end", status: "Deleted" };
          return;
        }
        if (deployment.state !== lastStatus) {
          lastStatus = deployment.state;
          yield { kind: "status", status: deployment.state };
        }
        for (const instance of deployment.instances) {
          if (followers.has(instance.id) || !instance.containerId || !instance.host) continue;
          // Resumed: what came after the cursor; at first: each instance's tail; later: all of a new instance.
          const from = afterNanos > 0n ? { since: sinceNanos(afterNanos) } : isFirstLook ? { tail: TAIL_LINES } : null;
          await follow({ id: instance.id, containerId: instance.containerId, host: instance.host }, from);
        }
        isFirstLook = false;
        continue;
      }
      const isWoken = await new Promise<boolean>((resolve) => {
        const keepalive = setTimeout(() => resolve(false), keepaliveMs);
        wake = () => {
          clearTimeout(keepalive);
          resolve(true);
        };
        if (queue.length > 0 || isPending || signal.aborted) wake();
      });
      wake = null;
      if (!isWoken) {
        isPending = true;
        yield { kind: "keepalive" };
      }
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    for (const stream of followers.values()) if (stream) destroy(stream);
    await unlisten();
  }
}

function destroy(stream: NodeJS.ReadableStream): void {
  (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
}

/** Docker's `since` takes seconds with a fractional part. */
function sinceNanos(nanos: bigint): string {
  return `${nanos / 1_000_000_000n}.${(nanos % 1_000_000_000n).toString().padStart(9, "0")}`;
}
