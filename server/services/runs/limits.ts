import { z } from "zod";

// MLflow's limits (mlflow/utils/validation.py), so MLflow clients that fit there fit here.
export const MAX_METRICS_PER_BATCH = 1000;
export const MAX_PARAMS_PER_BATCH = 100;
export const MAX_TAGS_PER_BATCH = 100;
export const MAX_PARAM_VALUE_LENGTH = 6000;
export const MAX_TAG_VALUE_LENGTH = 5000;

export const ZEntityKey = z
  .string()
  .min(1)
  .max(250)
  .regex(/^[/\w.\- ]*$/, "Use letters, digits, '_', '-', '.', ' ' and '/'")
  .refine(
    (k) => !k.split("/").some((part) => part === ".." || part === "."),
    "Must not contain '.' or '..' path parts",
  );

export const ZParamInput = z.object({ key: ZEntityKey, value: z.string().max(MAX_PARAM_VALUE_LENGTH) });
export const ZTagInput = z.object({ key: ZEntityKey, value: z.string().max(MAX_TAG_VALUE_LENGTH) });
