import { z } from "zod";
import { ZResourceName } from "../resource-name";

export const ZDataAssetName = ZResourceName(255);
export const ZDataAssetType = z.enum(["uri_file", "uri_folder", "table"]);
export type TDataAssetType = z.infer<typeof ZDataAssetType>;
export const ZDataDescription = z.string().max(5000);
export const ZDataTags = z
  .record(z.string().trim().min(1).max(255), z.string().max(5000))
  .refine((tags) => Object.keys(tags).length <= 100, "At most 100 tags");

/** What a new version is to be: everything but its files. */
export const ZDataVersionTarget = z.object({
  name: ZDataAssetName,
  type: ZDataAssetType.default("uri_folder"),
  description: ZDataDescription.optional(),
  tags: ZDataTags.optional(),
});
export type TDataVersionTarget = z.infer<typeof ZDataVersionTarget>;

/** `name`, `name:3` or `name@latest`, as jobs, the CLI and the SDK refer to a version. */
export const ZDataVersionRef = z.string().trim().min(1).max(300);

export const ZDataFileEntry = z.object({ path: z.string(), size: z.number(), sha256: z.string() });
