import { describe, expect, it } from "vitest";
import { ConsoleLineSplitter } from "./console-lines";
import { DockerLogFrameParser, dockerSince, timestampNanos } from "./docker-log-frames";

describe("ConsoleLineSplitter", () => {
  it("splits lines across chunks and keeps the unterminated rest", () => {
    const s = new ConsoleLineSplitter();
    expect(s.push("a\nb")).toEqual(["a"]);
    expect(s.push("c\nd")).toEqual(["bc"]);
    expect(s.flush()).toEqual(["d"]);
    expect(s.flush()).toEqual([]);
  });

  it("collapses carriage-return progress to what a terminal shows", () => {
    const s = new ConsoleLineSplitter();
    expect(s.push("10%\r50%\r100%\ndone\r\n")).toEqual(["100%", "done"]);
    s.push("1%\r2%\r");
    expect(s.push("3%\n")).toEqual(["3%"]);
  });
});

describe("DockerLogFrameParser", () => {
  const frame = (type: number, payload: string) => {
    const body = Buffer.from(payload);
    const header = Buffer.alloc(8);
    header[0] = type;
    header.writeUInt32BE(body.length, 4);
    return Buffer.concat([header, body]);
  };

  it("parses frames split at any byte", () => {
    const bytes = Buffer.concat([frame(1, "2026-01-01T00:00:00.5Z hello\n"), frame(2, "2026-01-01T00:00:01Z oops\n")]);
    const parser = new DockerLogFrameParser();
    const frames = [];
    for (let i = 0; i < bytes.length; i += 3) frames.push(...parser.push(bytes.subarray(i, i + 3)));
    expect(frames).toEqual([
      { stream: "stdout", timestamp: "2026-01-01T00:00:00.5Z", text: "hello\n" },
      { stream: "stderr", timestamp: "2026-01-01T00:00:01Z", text: "oops\n" },
    ]);
  });

  it("compares timestamps to the nanosecond", () => {
    expect(timestampNanos("2026-01-01T00:00:00.000000002Z") - timestampNanos("2026-01-01T00:00:00.000000001Z")).toBe(
      1n,
    );
    expect(timestampNanos("2026-01-01T00:00:00.5Z")).toBe(timestampNanos("2026-01-01T00:00:00.500000000Z"));
    expect(dockerSince("2026-01-01T00:00:00.25Z")).toBe("1767225600.250000000");
  });
});
