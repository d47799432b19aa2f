import { describe, expect, it } from "vitest";
import { pickDeployment } from "./pick-deployment";

describe("pickDeployment", () => {
  const all = () => true;

  it("follows the weights", () => {
    expect(pickDeployment({ blue: 90, green: 10 }, all, 0)).toBe("blue");
    expect(pickDeployment({ blue: 90, green: 10 }, all, 0.89)).toBe("blue");
    expect(pickDeployment({ blue: 90, green: 10 }, all, 0.9)).toBe("green");
    expect(pickDeployment({ blue: 90, green: 10 }, all, 0.999)).toBe("green");
  });

  it("shares a deployment's weight out when it does not serve", () => {
    expect(pickDeployment({ blue: 90, green: 10 }, (n) => n === "green", 0)).toBe("green");
    expect(pickDeployment({ blue: 90, green: 10 }, (n) => n === "green", 0.95)).toBe("green");
  });

  it("gives null with no traffic or nothing serving", () => {
    expect(pickDeployment({}, all)).toBeNull();
    expect(pickDeployment({ blue: 0 }, all)).toBeNull();
    expect(pickDeployment({ blue: 100 }, () => false)).toBeNull();
  });
});
