import "server-only";
import { CHANNELS } from "../database/notifications";
import { listen } from "../database/pg-listener";
import { db } from "../db";
import { dockerFor } from "../docker/docker-client";
import { findDeploymentBuilds } from "../services/endpoints/find-deployment-builds";
import { ConsoleLineSplitter } from "../worker/console-lines";
import { DockerLogFrameParser, timestampNanos } from "../worker/docker-log-frames";
import { KEEPALIVE_MS } from "./run-log-events";

/** Lines of each instance sent when a stream opens without a cursor. */
export const TAIL_LINES = 200;
// A slow reader pauses the containers' log streams rather than growing the queue without end.
const MAX_QUEUED = 5000;
/** How often a running image build's record is read again (the worker saves its log about every second). */
export const BUILD_POLL_MS = 1000;
/** The instance tag of an image build's lines. */
export const BUILD_TAG = "build";

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
 * A deployment's consoles, live: the builds of its environment's image (tagged `build`, read from
 * the build records as the worker saves them), then every instance's container log followed (the
 * last lines of the instances running when the stream opens, everything of those started later,
 * or everything after `afterNanos` on a resume), each line tagged with its instance; the deployment's state
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
  // Lines of each build already sent, and whether one is still running (its record is polled).
  const buildLines = new Map<string, number>();
  let isBuildRunning = false;
  let lastKeepalive = Date.now();
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
          select: {
            state: true,
            createdAt: true,
            environmentVersion: { select: { spec: true } },
            instances: { select: { id: true, containerId: true, host: true } },
          },
        });
        if (!deployment) {
          yield { kind: "end", status: "Deleted" };
          return;
        }
        if (deployment.state !== lastStatus) {
          lastStatus = deployment.state;
          yield { kind: "status", status: deployment.state };
        }
        const builds = await findDeploymentBuilds({
          createdAt: deployment.createdAt,
          environmentSpec: deployment.environmentVersion.spec,
        });
        isBuildRunning = builds.some((b) => b.status === "Building");
        for (const build of builds) {
          const isDone = build.status !== "Building";
          const lines = build.log.split("\n");
          // A running build's last piece may still grow; an ended one's is its error.
          if (!isDone || lines.at(-1) === "") lines.pop();
          const sent = buildLines.get(build.id) ?? 0;
          // One nanosecond a line from the build's start: in order, and before its instances' lines.
          const start = BigInt(build.startedAt.getTime()) * 1_000_000n;
          for (const [index, text] of lines.entries()) {
            const cursor = start + BigInt(index + 1);
            if (index < sent || cursor <= afterNanos) continue;
            queue.push({
              kind: "line",
              seq: ++seq,
              cursor: cursor.toString(),
              instance: BUILD_TAG,
              stream: "stdout",
              text,
              time: build.startedAt.toISOString(),
            });
          }
          buildLines.set(build.id, Math.max(sent, lines.length));
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
      const waitMs = isBuildRunning ? Math.min(BUILD_POLL_MS, keepaliveMs) : keepaliveMs;
      const isWoken = await new Promise<boolean>((resolve) => {
        const keepalive = setTimeout(() => resolve(false), waitMs);
        wake = () => {
          clearTimeout(keepalive);
          resolve(true);
        };
        if (queue.length > 0 || isPending || signal.aborted) wake();
      });
      wake = null;
      if (!isWoken) {
        isPending = true;
        if (Date.now() - lastKeepalive >= keepaliveMs) {
          lastKeepalive = Date.now();
          yield { kind: "keepalive" };
        }
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
