import { isMap, isNode, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { ZDataAssetName } from "../services/data/data-asset-input";
import { ZEnvironmentSpec } from "../services/environments/environment-spec";
import { ZModelType } from "../services/models/model-input";
import { MODEL_REF_PREFIX, ZDataInputPath } from "./job-data-path";
import { ZModelInputPath } from "./job-model-path";

const ZLiteral = z.union([z.string().max(10_000), z.number(), z.boolean()]);
const ZMemory = z.union([
  z.number().positive(),
  z.string().regex(/^\d+(\.\d+)?\s*([kmgt]i?b?)?$/i, "Use bytes or a size like 512m, 2g, 4GiB"),
]);

const ZIoName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Input and output names use letters, digits and '_'");

/** A data asset version the job reads, seen in the container under /crucible/inputs/<name>. */
const ZDataInput = z
  .object({
    type: z.enum(["uri_file", "uri_folder", "mltable"]).default("uri_folder"),
    path: ZDataInputPath,
    /** ro_mount: the job reads the files but cannot change them; download: its own copy, writable. */
    mode: z.enum(["ro_mount", "download"]).default("ro_mount"),
    description: z.string().max(5000).optional(),
  })
  .strict();
export type TDataInput = z.infer<typeof ZDataInput>;

/** A registered model version the job reads, seen under /crucible/inputs/<name> as a data input is. */
const ZModelInput = z
  .object({
    /** Left out, the version's own type; given, the version must be of that type. */
    type: ZModelType.optional(),
    path: ZModelInputPath,
    mode: z.enum(["ro_mount", "download"]).default("ro_mount"),
    description: z.string().max(5000).optional(),
  })
  .strict();
export type TModelInput = z.infer<typeof ZModelInput>;

const MODEL_TYPES: ReadonlySet<unknown> = new Set(ZModelType.options);

/** A model input says so by its type, or with no type by a `crucible:models/` path. */
function isModelShaped(value: { type?: unknown; path?: unknown }): boolean {
  if (value.type !== undefined) return MODEL_TYPES.has(value.type);
  return typeof value.path === "string" && MODEL_REF_PREFIX.test(value.path.trim());
}

/** A folder the job fills under /crucible/outputs/<name>, registered as the next version of a data asset when the job completes. */
const ZDataOutput = z
  .object({
    type: z.enum(["uri_folder", "uri_file"]).default("uri_folder"),
    /** The data asset to add a version to; by default `<experiment>-<output name>`. */
    name: ZDataAssetName.optional(),
    /** Both mean the same here: the folder is uploaded when the job ends. */
    mode: z.enum(["rw_mount", "upload"]).default("rw_mount"),
    description: z.string().max(5000).optional(),
  })
  .strict();
export type TDataOutput = z.infer<typeof ZDataOutput>;

/**
 * A literal (a parameter) or a mapping (a data or model input): checked as the one its shape says,
 * so errors name the field.
 */
const ZJobInput = z.unknown().transform((value, ctx): z.infer<typeof ZLiteral> | TDataInput | TModelInput => {
  const schema =
    typeof value !== "object" || value === null ? ZLiteral : isModelShaped(value) ? ZModelInput : ZDataInput;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p) => typeof p !== "symbol");
    // Re-raised as custom issues, which carry no key list: each unknown key gets its own, as elsewhere in the spec.
    if (issue.code === "unrecognized_keys")
      for (const key of issue.keys) ctx.addIssue({ code: "custom", message: "Unknown field", path: [...path, key] });
    else ctx.addIssue({ code: "custom", message: issue.message, path });
  }
  return z.NEVER;
});

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
    inputs: z.record(ZIoName, ZJobInput).default({}),
    outputs: z.record(ZIoName, ZDataOutput).default({}),
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
  substituteInputs(spec.command, commandValues(spec), (message) => {
    throw new JobSpecError([{ path: "command", line: lineOf(["command"]), message }]);
  });
  return spec;
}

export const INPUTS_DIR = "/crucible/inputs";
export const OUTPUTS_DIR = "/crucible/outputs";

/** Data and model inputs: what is copied into the container rather than passed as a value. */
export function isAssetInput(value: TJobSpec["inputs"][string]): value is TDataInput | TModelInput {
  return typeof value === "object" && value !== null;
}

export function isModelInput(value: TJobSpec["inputs"][string]): value is TModelInput {
  return isAssetInput(value) && isModelShaped(value);
}

export function isDataInput(value: TJobSpec["inputs"][string]): value is TDataInput {
  return isAssetInput(value) && !isModelShaped(value);
}

/**
 * What `${{inputs.X}}` and `${{outputs.Y}}` stand for in the command: a literal input's value, a
 * data or model input's folder (or, for a uri_file, the file in it, once `fileNames` knows its
 * name) and an output's folder.
 */
export function commandValues(spec: TJobSpec, fileNames: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec.inputs)) {
    if (!isAssetInput(value)) values[`inputs.${name}`] = String(value);
    else {
      const file = isDataInput(value) && value.type === "uri_file" ? fileNames[name] : undefined;
      values[`inputs.${name}`] = `${INPUTS_DIR}/${name}${file ? `/${file}` : ""}`;
    }
  }
  for (const name of Object.keys(spec.outputs)) values[`outputs.${name}`] = `${OUTPUTS_DIR}/${name}`;
  return values;
}

/** `${{inputs.name}}` or `${{outputs.name}}` → its value; an unknown name is an error, not an empty string. */
export function substituteInputs(
  command: string,
  values: Record<string, string>,
  fail: (message: string) => never = (m) => {
    throw new Error(m);
  },
): string {
  return command.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_all, expression: string) => {
    const match = /^(inputs|outputs)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
    if (!match) return fail(`\${{${expression}}} is not supported; use \${{inputs.<name>}} or \${{outputs.<name>}}`);
    const [, kind, name] = match;
    const value = values[`${kind}.${name}`];
    if (value === undefined) {
      const known = Object.keys(values)
        .filter((k) => k.startsWith(`${kind}.`))
        .map((k) => k.slice(kind!.length + 1));
      return fail(`\${{${kind}.${name}}} names no ${kind!.slice(0, -1)}; ${kind} are: ${known.join(", ") || "(none)"}`);
    }
    return value;
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
