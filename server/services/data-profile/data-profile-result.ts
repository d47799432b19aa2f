import { z } from "zod";

export const ZColumnProfile = z.object({
  name: z.string(),
  type: z.string(),
  kind: z.enum(["numeric", "boolean", "datetime", "string"]),
  /** Values present (not empty, null or NaN). */
  count: z.number(),
  missing: z.number(),
  /** Present values of a numeric column that are not finite numbers. */
  invalid: z.number(),
  distinct: z.object({ value: z.number(), isExact: z.boolean() }),
  numeric: z
    .object({
      min: z.number(),
      max: z.number(),
      mean: z.number(),
      /** The sample standard deviation (n − 1), as pandas reports it. */
      std: z.number().nullable(),
      quantiles: z.object({ p5: z.number(), p25: z.number(), p50: z.number(), p75: z.number(), p95: z.number() }),
      isExactQuantiles: z.boolean(),
      histogram: z.object({ edges: z.array(z.number()), counts: z.array(z.number()) }),
    })
    .nullable(),
  /** The first and last value in text order, for dates and times. */
  range: z.object({ min: z.string(), max: z.string() }).nullable(),
  top: z
    .object({ values: z.array(z.object({ value: z.string(), count: z.number() })), isExact: z.boolean() })
    .nullable(),
});
export type TColumnProfile = z.infer<typeof ZColumnProfile>;

export const ZDataProfileResult = z.object({
  rowCount: z.number(),
  columns: z.array(ZColumnProfile),
  /** How distinct counts and quantiles were computed, in words for the page. */
  methods: z.object({ distinct: z.string(), quantiles: z.string() }),
});
export type TDataProfileResult = z.infer<typeof ZDataProfileResult>;

export const ZDataProfileView = z.object({
  status: z.enum(["queued", "running", "done", "failed"]),
  progress: z.number(),
  result: ZDataProfileResult.nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
export type TDataProfileView = z.infer<typeof ZDataProfileView>;
