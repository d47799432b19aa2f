import { isMap, isNode, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { ZEnvironmentSpec } from "../services/environments/environment-spec";

const ZLiteral = z.union([z.string().max(10_000), z.number(), z.boolean()]);
const ZMemory = z.union([
  z.number().positive(),
  z.string().regex(/^\d+(\.\d+)?\s*([kmgt]i?b?)?$/i, "Use bytes or a size like 512m, 2g, 4GiB"),
]);

// A command job, close to Azure ML CLI v2's: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
export const ZJobSpec = z
  .object({
    $schema: z.string().optional(),
    type: z.literal("command").default("command"),
    command: z.string().trim().min(1, "command is required").max(20_000),
    code: z.string().max(1000).optional(),
    environment: z.union([z.string().trim().min(1).max(200), ZEnvironmentSpec]),
    compute: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .transform((v) => v.replace(/^azureml:/, "")),
    experiment_name: z.string().trim().min(1).max(500).default("Default"),
    display_name: z.string().trim().max(250).optional(),
    description: z.string().max(5000).optional(),
    inputs: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Input names use letters, digits and '_'"), ZLiteral)
      .default({}),
    environment_variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(10_000)).default({}),
    resources: z
      .object({
        cpu: z.number().positive().max(1024).optional(),
        memory: ZMemory.optional(),
        gpus: z.number().int().min(0).max(64).default(0),
      })
      .strict()
      .default({ gpus: 0 }),
    limits: z
      .object({
        timeout: z
          .number()
          .int()
          .positive()
          .max(30 * 24 * 3600)
          .optional(),
      })
      .strict()
      .default({}),
    tags: z
      .record(z.string().max(250), z.union([z.string().max(5000), z.number(), z.boolean()]).transform(String))
      .default({}),
  })
  .strict();
export type TJobSpec = z.infer<typeof ZJobSpec>;

export type TJobSpecIssue = { path: string; line: number | null; message: string };

export class JobSpecError extends Error {
  constructor(public readonly issues: TJobSpecIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "JobSpecError";
  }
}

export function formatIssue(issue: TJobSpecIssue): string {
  const where = issue.line ? `line ${issue.line}` : "job";
  return issue.path ? `${where}, ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** Parses and validates YAML (or an object); errors name the line and the field. */
export function parseJobSpec(source: string | unknown): TJobSpec {
  if (typeof source !== "string") return validate(source, () => null);
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new JobSpecError(
      doc.errors.map((e) => ({
        path: "",
        line: lineCounter.linePos(e.pos[0]).line,
        message: e.message.split("\n")[0] ?? e.message,
      })),
    );
  }
  if (!isMap(doc.contents))
    throw new JobSpecError([
      { path: "", line: 1, message: "A job spec is a YAML mapping (command:, environment:, compute:, …)" },
    ]);
  return validate(doc.toJS(), (path) => {
    // The deepest node that exists on the path: a missing field points at its parent.
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  });
}

function validate(value: unknown, lineOf: (path: (string | number)[]) => number | null): TJobSpec {
  const parsed = ZJobSpec.safeParse(value);
  if (!parsed.success) {
    throw new JobSpecError(
      parsed.error.issues.flatMap((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
        if (issue.code === "unrecognized_keys") {
          return issue.keys.map((key) => ({
            path: [...path, key].join("."),
            line: lineOf([...path, key]),
            message: "Unknown field",
          }));
        }
        return [{ path: path.join("."), line: lineOf(path), message: issue.message }];
      }),
    );
  }
  const spec = parsed.data;
  substituteInputs(spec.command, spec.inputs, (message) => {
    throw new JobSpecError([{ path: "command", line: lineOf(["command"]), message }]);
  });
  return spec;
}

/** `${{inputs.name}}` → the input's value; an unknown name is an error, not an empty string. */
export function substituteInputs(
  command: string,
  inputs: Record<string, unknown>,
  fail: (message: string) => never = (m) => {
    throw new Error(m);
  },
): string {
  return command.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_all, expression: string) => {
    const match = /^inputs\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
    const name = match?.[1];
    if (!name) return fail(`\${{${expression}}} is not supported; use \${{inputs.<name>}}`);
    if (!(name in inputs))
      return fail(`\${{inputs.${name}}} names no input; inputs are: ${Object.keys(inputs).join(", ") || "(none)"}`);
    return String(inputs[name]);
  });
}

export function parseMemory(value: number | string | undefined): number | null {
  if (value === undefined) return null;
  if (typeof value === "number") return Math.round(value);
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)b?$/i.exec(value.trim());
  if (!match) return null;
  const power = " kmgt".indexOf(match[2]?.toLowerCase() || " ");
  return Math.round(Number(match[1]) * 1024 ** power);
}
