import { describe, expect, it } from "vitest";
import type { TMinuteStats } from "../charts/endpoint-metrics-option";
import { requestSummary } from "./online-request-summary";

const minute = (at: string, requests: number, errors4xx = 0, errors5xx = 0): TMinuteStats => ({
  minute: at,
  requests,
  p50: 1,
  p95: 2,
  p99: 3,
  errors4xx,
  errors5xx,
});

describe("requestSummary", () => {
  it("sums each deployment's minutes and sets its observed share beside its weight", () => {
    const rows = requestSummary(
      [
        {
          deployment: "blue",
          minutes: [minute("2025-01-01T10:00:00Z", 10, 1), minute("2025-01-01T10:01:00Z", 8, 0, 2)],
        },
        { deployment: "green", minutes: [minute("2025-01-01T10:01:00Z", 2)] },
        { deployment: "shadow", minutes: [] },
      ],
      { blue: 90, green: 10 },
    );
    expect(rows).toEqual([
      { deployment: "blue", requests: 18, share: 90, errors4xx: 1, errors5xx: 2, weight: 90 },
      { deployment: "green", requests: 2, share: 10, errors4xx: 0, errors5xx: 0, weight: 10 },
      { deployment: "shadow", requests: 0, share: 0, errors4xx: 0, errors5xx: 0, weight: 0 },
    ]);
  });

  it("has no share while nothing was requested", () => {
    expect(requestSummary([{ deployment: "blue", minutes: [] }], {})).toEqual([
      { deployment: "blue", requests: 0, share: null, errors4xx: 0, errors5xx: 0, weight: 0 },
    ]);
  });
});
