import type { OpenAPIObject } from "trpc-to-openapi";

type TSchema = NonNullable<NonNullable<OpenAPIObject["components"]>["schemas"]>[string];

// An input issue as the REST API sends it: zod's issue, of which clients may rely on the message and
// the path to the field; the other keys depend on the kind of issue.
const INPUT_ISSUE: TSchema = {
  type: "object",
  properties: {
    message: { type: "string" },
    path: {
      type: "array",
      items: { type: ["string", "number"] },
      description: "The offending field, from the top of the input",
    },
    code: { type: "string", description: "The kind of issue (invalid_type, too_big, …)" },
  },
  required: ["message"],
  additionalProperties: true,
};

/**
 * The generator documents an error's `issues` as `{message}` alone, closed to other keys, while
 * the handler sends zod's issues whole: this documents what is sent.
 */
export function describeInputIssues(document: OpenAPIObject): OpenAPIObject {
  const schemas = { ...document.components?.schemas };
  for (const [name, schema] of Object.entries(schemas)) {
    if (!name.startsWith("error.") || "$ref" in schema) continue;
    const issues = schema.properties?.issues;
    if (!issues || "$ref" in issues) continue;
    schemas[name] = { ...schema, properties: { ...schema.properties, issues: { ...issues, items: INPUT_ISSUE } } };
  }
  return { ...document, components: { ...document.components, schemas } };
}
