import path from "node:path";
import { z } from "zod";
import { ZResourceName } from "../resource-name";

const ZFolder = z
  .string()
  .trim()
  .max(1024)
  .refine((f) => path.isAbsolute(f) && !f.includes("\0"), "Give an absolute folder path")
  .transform((f) => path.resolve(f));
const ZEndpoint = z
  .string()
  .trim()
  .url()
  .max(500)
  .refine((u) => /^https?:$/.test(new URL(u).protocol), "Use an http:// or https:// URL");
const ZBucket = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "Use 3-63 lowercase letters, digits, '.' and '-'");
const ZPrefix = z
  .string()
  .trim()
  .max(512)
  .transform((p) => p.replace(/^\/+|\/+$/g, ""))
  .refine((p) => p.split("/").every((part) => part !== "." && part !== ".."), "No '.' or '..' parts")
  .refine((p) => !/\/\/|\\|\0/.test(p), "Use plain '/'-separated parts");
const ZRegion = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,40}$/, "Use lowercase letters, digits and '-'");
const ZSecret = z.string().trim().min(1).max(512);

const settings = {
  description: z.string().trim().max(1000).optional(),
  folder: ZFolder.nullish(),
  endpoint: ZEndpoint.optional(),
  bucket: ZBucket.optional(),
  prefix: ZPrefix.optional(),
  region: ZRegion.optional(),
  isPathStyle: z.boolean().optional(),
  accessKeyId: ZSecret.optional(),
  secretAccessKey: ZSecret.optional(),
};

/** One shape for both types (tRPC merges object inputs only); the refinement checks each type's fields. */
export const ZCreateDatastoreInput = z
  .object({ name: ZResourceName(64), type: z.enum(["local", "s3"]), ...settings })
  .superRefine((input, ctx) => {
    const s3Fields = [
      "endpoint",
      "bucket",
      "prefix",
      "region",
      "isPathStyle",
      "accessKeyId",
      "secretAccessKey",
    ] as const;
    if (input.type === "s3") {
      for (const field of ["endpoint", "bucket", "accessKeyId", "secretAccessKey"] as const)
        if (!input[field]) ctx.addIssue({ code: "custom", path: [field], message: `An s3 datastore needs ${field}` });
      if (input.folder)
        ctx.addIssue({ code: "custom", path: ["folder"], message: "Only a local datastore has a folder" });
    } else {
      for (const field of s3Fields)
        if (input[field] !== undefined)
          ctx.addIssue({ code: "custom", path: [field], message: `Only an s3 datastore has ${field}` });
    }
  });
export type TCreateDatastoreInput = z.infer<typeof ZCreateDatastoreInput>;

/** The fields an update may change; absent ones (and absent credentials: they are write-only) stay. */
export const ZUpdateDatastoreInput = z.object({ datastoreId: z.string().min(1), ...settings });
export type TUpdateDatastoreInput = z.infer<typeof ZUpdateDatastoreInput>;
