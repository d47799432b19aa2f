import { z } from "zod";
import { parseModelRef } from "../services/models/model-ref";

const MODEL_INPUT_PREFIX = /^(?:crucible:models\/|azureml:(?!\/\/))/;

/**
 * A model input's `path`: `crucible:models/NAME:VERSION` or `crucible:models/NAME@ALIAS`
 * (`@latest` too; `azureml:NAME:VERSION` is taken as the same). The version is named, never
 * implied, so a job's YAML says which one it means; an alias is resolved when the job is submitted.
 */
export const ZModelInputPath = z
  .string()
  .trim()
  .max(600)
  .superRefine((value, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: "custom", message });
    if (!MODEL_INPUT_PREFIX.test(value))
      return fail("Use a registered model, crucible:models/NAME:VERSION or crucible:models/NAME@ALIAS");
    try {
      const ref = parseModelRef(value);
      if ("version" in ref && !/[:@]/.test(value.replace(MODEL_INPUT_PREFIX, "")))
        fail(`Name a version of '${ref.name}': crucible:models/${ref.name}:VERSION, @ALIAS or @latest`);
    } catch (error) {
      fail((error as Error).message);
    }
  });
