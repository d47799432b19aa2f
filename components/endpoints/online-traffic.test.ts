import { describe, expect, it } from "vitest";
import { trafficChange, trafficDraft } from "./online-traffic";

const draft = (weights: Record<string, string>, deployment = "", percent = "0") => ({
  weights,
  mirror: { deployment, percent },
});

describe("traffic editor", () => {
  it("turns a 90/10 split into the update's maps", () => {
    expect(trafficChange(draft({ blue: "90", green: " 10 " }))).toEqual({
      change: { traffic: { blue: 90, green: 10 }, mirror_traffic: {} },
    });
  });

  it("allows all at 0 and reads an empty box as 0", () => {
    expect(trafficChange(draft({ blue: "", green: "0" }))).toEqual({
      change: { traffic: { blue: 0, green: 0 }, mirror_traffic: {} },
    });
  });

  it("refuses sums other than 0 or 100 and non-whole percents", () => {
    expect(trafficChange(draft({ blue: "90", green: "20" }))).toEqual({
      error: "The percentages sum to 110; they must sum to 0 or 100",
    });
    expect(trafficChange(draft({ blue: "50.5", green: "49.5" }))).toEqual({
      error: "The traffic of 'blue' must be a whole percent from 0 to 100",
    });
    expect(trafficChange(draft({ blue: "-1" }))).toEqual({
      error: "The traffic of 'blue' must be a whole percent from 0 to 100",
    });
  });

  it("mirrors at most 50 % to a deployment that takes no live traffic", () => {
    expect(trafficChange(draft({ blue: "100", green: "0" }, "green", "20"))).toEqual({
      change: { traffic: { blue: 100, green: 0 }, mirror_traffic: { green: 20 } },
    });
    expect(trafficChange(draft({ blue: "100", green: "0" }, "green", "60"))).toEqual({
      error: "At most 50 % may be mirrored",
    });
    expect(trafficChange(draft({ blue: "90", green: "10" }, "green", "10"))).toEqual({
      error: "'green' takes live traffic; a deployment is live or mirrored, not both",
    });
    expect(trafficChange(draft({ blue: "100" }, "green", "0"))).toEqual({
      change: { traffic: { blue: 100 }, mirror_traffic: {} },
    });
  });

  it("starts from the endpoint's maps with every deployment listed", () => {
    expect(trafficDraft(["blue", "green", "red"], { blue: 100 }, { green: 0, red: 15 })).toEqual({
      weights: { blue: "100", green: "0", red: "0" },
      mirror: { deployment: "red", percent: "15" },
    });
  });
});
