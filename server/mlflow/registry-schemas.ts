import { z } from "zod";
import { ZFilter, ZMlflowOrderBy } from "../services/runs/run-filter";

/** What registered-models/* and model-versions/* share of model_registry.proto's messages. */
export const ZMlflowTag = z.object({ key: z.string().trim().min(1).max(250), value: z.string().max(5000) });
export const ZVersionNumber = z.coerce
  .string()
  .regex(/^[1-9]\d{0,8}$/, "a version number")
  .transform(Number);

/** A registry search's request: filter, order, page size (up to `maxResults`) and page token. */
export function ZRegistrySearch(maxResults: number, defaultResults: number) {
  return z.object({
    filter: ZFilter.optional(),
    max_results: z.coerce.number().int().min(1).max(maxResults).default(defaultResults),
    order_by: ZMlflowOrderBy.optional(),
    page_token: z
      .string()
      .regex(/^\d{1,9}$/)
      .optional(),
  });
}

type TRegistrySearch = z.infer<ReturnType<typeof ZRegistrySearch>>;

/** The search as the registry's services take it. */
export function registrySearchOf(input: TRegistrySearch) {
  return {
    filter: input.filter,
    orderBy: input.order_by === undefined ? [] : [input.order_by].flat(),
    limit: input.max_results,
    pageToken: input.page_token,
  };
}

/** A page of results, with `next_page_token` only when there is a next page. */
export function registryPage<K extends string, T>(key: K, items: T[], nextPageToken: string | null | undefined) {
  return { [key]: items, ...(nextPageToken ? { next_page_token: nextPageToken } : {}) } as Record<K, T[]> & {
    next_page_token?: string;
  };
}
