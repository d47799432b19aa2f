// Docker's multiplexed log stream (non-TTY containers): each frame is an 8-byte header (stream
// type, 3 zero bytes, big-endian payload length) then the payload. With timestamps on, each
// payload starts with an RFC 3339 time and a space.
export type TLogFrame = { stream: "stdout" | "stderr"; timestamp: string; text: string };

export class DockerLogFrameParser {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): TLogFrame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: TLogFrame[] = [];
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const type = this.pending[0];
      const payload = this.pending.subarray(8, 8 + size).toString("utf8");
      this.pending = this.pending.subarray(8 + size);
      const space = payload.indexOf(" ");
      frames.push({
        stream: type === 2 ? "stderr" : "stdout",
        timestamp: space > 0 ? payload.slice(0, space) : "",
        text: space > 0 ? payload.slice(space + 1) : payload,
      });
    }
    return frames;
  }
}

/** RFC 3339 with up to nanoseconds → nanoseconds since the epoch, for exact cursor comparison. */
export function timestampNanos(timestamp: string): bigint {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(timestamp);
  if (!match) return 0n;
  const seconds = BigInt(Math.floor(Date.parse(`${match[1]}${match[3]}`) / 1000));
  return seconds * 1_000_000_000n + BigInt((match[2] ?? "").padEnd(9, "0"));
}

/** Docker's `since` takes seconds with a fractional part. */
export function dockerSince(timestamp: string): string {
  const nanos = timestampNanos(timestamp);
  return `${nanos / 1_000_000_000n}.${(nanos % 1_000_000_000n).toString().padStart(9, "0")}`;
}
