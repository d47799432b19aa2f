import { expect, it } from "vitest";
import { z } from "zod";
import { openApiDocument } from "./openapi-document";

it("documents input issues as the REST API sends them: zod's issues, with their path and code", () => {
  const { components } = openApiDocument("http://localhost/api/v1");
  const badRequest = components?.schemas?.["error.BAD_REQUEST"] as {
    properties: { issues: { items: Record<string, unknown> } };
  };
  const items = badRequest.properties.issues.items as {
    properties: Record<string, unknown>;
    required: string[];
    additionalProperties: unknown;
  };
  const issue = z.object({ limit: z.number().max(200) }).safeParse({ limit: 201 }).error!.issues[0]!;
  expect(Object.keys(issue)).toEqual(expect.arrayContaining(["message", "path", "code", "maximum"]));
  expect(items.required).toEqual(["message"]);
  expect(Object.keys(items.properties)).toEqual(expect.arrayContaining(["message", "path", "code"]));
  expect(items.additionalProperties).toBe(true);
});
