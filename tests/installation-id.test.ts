import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "../server/env";
import { installationId, recordInstallationId } from "../server/worker/installation-id";

describe("the installation id", () => {
  it("is written to the studio's home, where scripts read it to find this installation's containers", async () => {
    await recordInstallationId();
    const written = readFileSync(path.join(env().crucibleHome, "installation-id"), "utf8");
    expect(written).toBe(`${await installationId()}\n`);
    expect(written).toMatch(/^[0-9a-f]{16}\n$/);
  });
});
