import { z } from "zod";
import {
  ZModelAlias,
  ZModelDescription,
  ZModelName as ZNewModelName,
  ZModelTags,
  ZModelType,
} from "../../services/models/model-input";
import { ZModelVersionAddress } from "../../services/models/model-ref";
import { ZModelVersionView, ZModelView } from "../../services/models/model-views";

export const ZModelName = z.object({ name: z.string().trim().min(1).max(255) });

export const ZModelDetail = ZModelView.extend({
  versions: z.array(ZModelVersionView.extend({ createdByName: z.string().nullable() })),
});

export const ZModelList = z.object({ models: z.array(ZModelView), nextPageToken: z.string().nullable() });

export const ZListModelsInput = z.object({
  filter: z.string().max(4000).optional(),
  orderBy: z.array(z.string().max(200)).max(10).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  pageToken: z
    .string()
    .regex(/^\d{1,9}$/)
    .optional(),
});

export const ZRegisterFromRunInput = z.object({
  name: ZNewModelName,
  runId: z.string().min(1).max(100),
  /** A folder of the run's outputs, `outputs/model`. */
  path: z.string().min(1).max(1000),
  type: ZModelType.optional(),
  description: ZModelDescription.optional(),
  tags: ZModelTags.optional(),
});

export const ZVersionChangeInput = ZModelVersionAddress.extend({
  description: ZModelDescription.optional(),
  tags: ZModelTags.optional(),
});

export const ZAliasInput = ZModelName.extend({ alias: ZModelAlias });

export const ZModelFiles = z.object({
  files: z.array(z.object({ path: z.string(), size: z.number(), sha256: z.string() })),
  nextAfter: z.string().nullable(),
});

export const ZModelLineage = z.object({
  run: z.object({ id: z.string(), name: z.string(), status: z.string(), experimentId: z.string() }).nullable(),
  dataInputs: z.array(z.object({ name: z.string(), asset: z.string(), version: z.number(), ref: z.string() })),
  /** The jobs that read the version as an input (`crucible:models/NAME@ALIAS` pinned to it). */
  readBy: z.array(z.object({ runId: z.string(), runName: z.string(), status: z.string(), input: z.string() })),
});

export const ZModelComparison = z.array(
  z.object({
    version: z.number(),
    ref: z.string(),
    aliases: z.array(z.string()),
    isArchived: z.boolean(),
    createdAt: z.date(),
    run: z
      .object({
        id: z.string(),
        name: z.string(),
        status: z.string(),
        params: z.record(z.string(), z.string()),
        /** Each metric's last value; NaN and ±Infinity as strings, as everywhere in the API. */
        metrics: z.record(z.string(), z.union([z.number(), z.string()])),
      })
      .nullable(),
  }),
);

export const ZRunModelVersions = z.array(
  z.object({
    name: z.string(),
    version: z.number(),
    ref: z.string(),
    type: ZModelType,
    sourcePath: z.string().nullable(),
    aliases: z.array(z.string()),
    isArchived: z.boolean(),
    createdAt: z.date(),
  }),
);
