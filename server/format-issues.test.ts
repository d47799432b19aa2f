import { expect, it } from "vitest";
import { z } from "zod";
import { formatIssues } from "./format-issues";

it("names the offending fields", () => {
  const result = z
    .object({ email: z.string().email(), team: z.object({ size: z.number() }) })
    .safeParse({ email: "x", team: { size: "3" } });
  expect(result.success).toBe(false);
  const message = formatIssues(result.error!.issues);
  expect(message).toMatch(/^email: /);
  expect(message).toContain("team.size: ");
});
