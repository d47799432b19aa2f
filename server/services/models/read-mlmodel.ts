import { parse } from "yaml";
import { z } from "zod";

export const MLMODEL_FILE = "MLmodel";

const ZMlmodel = z.object({
  flavors: z.record(z.string(), z.unknown()).default({}),
  signature: z.record(z.string(), z.unknown()).nullish(),
  saved_input_example_info: z.record(z.string(), z.unknown()).nullish(),
});

export type TMlmodelInfo = {
  flavors: Record<string, unknown>;
  signature: Record<string, unknown> | null;
  inputExample: Record<string, unknown> | null;
};

/** MLflow keeps a signature's inputs, outputs and params as JSON inside the YAML; they are shown parsed. */
function parseSignature(signature: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(signature).map(([key, value]) => {
      if (typeof value !== "string") return [key, value];
      try {
        return [key, JSON.parse(value) as unknown];
      } catch {
        return [key, value];
      }
    }),
  );
}

/**
 * The flavors, signature and input example of an MLmodel file. A file that is not the YAML
 * MLflow writes is no reason to refuse the model: it is then registered without them.
 */
export function readMlmodel(text: string): TMlmodelInfo | null {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 100 });
  } catch {
    return null;
  }
  const parsed = ZMlmodel.safeParse(raw);
  if (!parsed.success) return null;
  return {
    flavors: parsed.data.flavors,
    signature: parsed.data.signature ? parseSignature(parsed.data.signature) : null,
    inputExample: parsed.data.saved_input_example_info ?? null,
  };
}
