import { describe, expect, it } from "vitest";
import { assertTraffic } from "./assert-traffic";

const message = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return null;
};

describe("traffic rules", () => {
  const deployments = ["blue", "green"];

  it("takes 0 or 100 over existing deployments", () => {
    expect(message(() => assertTraffic({ blue: 90, green: 10 }, {}, deployments))).toBeNull();
    expect(message(() => assertTraffic({}, {}, deployments))).toBeNull();
    expect(message(() => assertTraffic({ blue: 0 }, {}, deployments))).toBeNull();
  });

  it("refuses other sums and unknown deployments", () => {
    expect(message(() => assertTraffic({ blue: 60, green: 10 }, {}, deployments))).toMatch(/sum to 70/);
    expect(message(() => assertTraffic({ red: 100 }, {}, deployments))).toMatch(/no deployment named 'red'/);
    expect(message(() => assertTraffic({ blue: 100 }, { red: 10 }, deployments))).toMatch(/'red'/);
  });

  it("mirrors at most 50 % to one deployment that is not live", () => {
    expect(message(() => assertTraffic({ blue: 100 }, { green: 10 }, deployments))).toBeNull();
    expect(message(() => assertTraffic({ blue: 100 }, { green: 60 }, deployments))).toMatch(/at most 50/);
    expect(message(() => assertTraffic({ blue: 90, green: 10 }, { green: 10 }, deployments))).toMatch(
      /live or mirrored/,
    );
    expect(message(() => assertTraffic({ blue: 100 }, { green: 10, blue: 5 }, ["blue", "green"]))).toMatch(
      /one deployment/,
    );
  });
});
