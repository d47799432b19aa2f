import { db } from "../../db";
import { AppError } from "../../errors";
import { modelVersionView, type TModelVersionView } from "./model-views";
import { matchesRegistryFilter, parseRegistryFilter } from "./registry-filter";

export type TSearchModelVersions = {
  /** `name = 'x'`, `run_id = '...'`, `run_id IN (...)`, `tags.k = 'v'`, `version_number > 2`, joined by AND. */
  filter?: string;
  /** `name`, `version_number`, `creation_timestamp`, `last_updated_timestamp`; ASC or DESC. */
  orderBy?: readonly string[];
  limit?: number;
  pageToken?: string;
  isArchivedIncluded?: boolean;
};

const SORT_KEYS: Record<string, (v: TModelVersionView) => string | number> = {
  name: (v) => v.name,
  version_number: (v) => v.version,
  creation_timestamp: (v) => v.createdAt.getTime(),
  last_updated_timestamp: (v) => v.updatedAt.getTime(),
};

/** Versions of every model of the workspace that match, newest first by default. */
export async function searchModelVersions(workspaceId: string, input: TSearchModelVersions = {}) {
  const clauses = input.filter?.trim()
    ? parseRegistryFilter(input.filter, ["name", "run_id", "source_path", "version_number", "alias"])
    : [];
  const names = clauses.flatMap((c) => (c.field === "name" && c.op === "=" ? [c.value as string] : []));
  const rows = await db().modelVersion.findMany({
    where: {
      model: { workspaceId, ...(names.length ? { name: names[0] } : {}) },
      ...(input.isArchivedIncluded === false ? { isArchived: false } : {}),
    },
    include: { model: true, aliases: { select: { alias: true } } },
  });
  const views = rows
    .map((v) =>
      modelVersionView(
        v.model,
        v,
        v.aliases.map((a) => a.alias),
      ),
    )
    .filter((v) =>
      matchesRegistryFilter(
        {
          name: v.name,
          tags: v.tags,
          runId: v.sourceRunId,
          sourcePath: v.sourceUri,
          version: v.version,
          aliases: v.aliases,
        },
        clauses,
      ),
    );
  const keys = (input.orderBy ?? []).map((raw) => {
    const m = /^\s*(?:attributes?\.)?(\w+)\s*(ASC|DESC)?\s*$/i.exec(raw);
    const key = m ? SORT_KEYS[m[1]!.toLowerCase()] : undefined;
    if (!key) throw new AppError("BAD_REQUEST", `Invalid order_by '${raw}'`);
    return { key, sign: m![2]?.toUpperCase() === "DESC" ? -1 : 1 };
  });
  keys.push({ key: SORT_KEYS.name!, sign: 1 }, { key: SORT_KEYS.version_number!, sign: -1 });
  if (keys.length === 2) keys.unshift({ key: SORT_KEYS.creation_timestamp!, sign: -1 });
  views.sort((a, b) => {
    for (const { key, sign } of keys) {
      const [x, y] = [key(a), key(b)];
      if (x !== y) return (x < y ? -1 : 1) * sign;
    }
    return 0;
  });
  const offset = input.pageToken ? Number(input.pageToken) : 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new AppError("BAD_REQUEST", "Invalid page token");
  const limit = input.limit ?? 100;
  return {
    versions: views.slice(offset, offset + limit),
    nextPageToken: offset + limit < views.length ? String(offset + limit) : null,
  };
}
