import { z } from "zod";
import { parseDataVersionRef } from "../services/data/data-version-ref";

export const DATA_REF_PREFIX = /^(?:crucible|azureml):/;
/** A registered model's reference, which a data input's path must not be. */
export const MODEL_REF_PREFIX = /^crucible:models\//;

/**
 * A job input's `path`: a registered version, `crucible:NAME:VERSION` or `crucible:NAME@latest`
 * (`azureml:` is taken as the same, so Azure ML YAML runs unchanged). Local folders are uploaded
 * as data assets first, so every run names exactly the bytes it read.
 */
export const ZDataInputPath = z
  .string()
  .trim()
  .max(400)
  .superRefine((value, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: "custom", message });
    if (MODEL_REF_PREFIX.test(value))
      return fail(
        "crucible:models/… names a registered model: use type custom_model, mlflow_model or triton_model, or leave type out",
      );
    if (!DATA_REF_PREFIX.test(value) || value.startsWith("azureml://") || value.startsWith("crucible://"))
      return fail(
        "Use a registered data asset, crucible:NAME:VERSION or crucible:NAME@latest (upload a local folder first: crucible data create --name NAME --path DIR)",
      );
    try {
      parseDataVersionRef(value);
    } catch (error) {
      fail((error as Error).message);
    }
  });
