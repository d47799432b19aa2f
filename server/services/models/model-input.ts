import { z } from "zod";
import { ZResourceName } from "../resource-name";

export { ZDataDescription as ZModelDescription, ZDataTags as ZModelTags } from "../data/data-asset-input";

/** Letters, digits, '.', '_' and '-': no ':' or '@', which would clash with `name:3` and `name@alias`. */
export const ZModelName = ZResourceName(255);
export const ZModelType = z.enum(["custom_model", "mlflow_model", "triton_model"]);
export type TModelType = z.infer<typeof ZModelType>;

/** MLflow's alias rules: word characters and '-', at most 255; `latest` and `v<digits>` would shadow versions. */
export const ZModelAlias = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[\w-]+$/, "Use letters, digits, '_' and '-'")
  .refine((alias) => alias.toLowerCase() !== "latest", "'latest' is reserved")
  .refine((alias) => !/^v\d+$/i.test(alias), "v<digits> is reserved: it reads as a version");

/** What a new version is to be: everything but its files. */
export const ZModelVersionTarget = z.object({
  name: ZModelName,
  /** custom_model, or mlflow_model when an MLmodel file is at the root; triton_model only when asked. */
  type: ZModelType.optional(),
  description: z.string().max(5000).optional(),
  tags: z
    .record(z.string().trim().min(1).max(255), z.string().max(5000))
    .refine((tags) => Object.keys(tags).length <= 100, "At most 100 tags")
    .optional(),
});
export type TModelVersionTarget = z.infer<typeof ZModelVersionTarget>;
