import { db } from "../../db";
import { AppError } from "../../errors";
import { modelView, type TModelView } from "./model-views";
import { matchesRegistryFilter, parseRegistryFilter } from "./registry-filter";

export type TListModels = {
  /** MLflow's grammar: `name LIKE '%x%'`, `name = 'x'`, `tags.team = 'v'`, joined by AND. */
  filter?: string;
  /** `name`, `last_updated_timestamp` / `lastVersionAt`, `creation_timestamp`, `updatedAt`; ASC or DESC. */
  orderBy?: readonly string[];
  limit?: number;
  /** The offset where the page starts, as the previous page's next token gave it. */
  pageToken?: string;
};

const SORT_KEYS: Record<string, (m: TModelView) => string | number> = {
  name: (m) => m.name,
  last_updated_timestamp: (m) => m.lastVersionAt.getTime(),
  lastversionat: (m) => m.lastVersionAt.getTime(),
  timestamp: (m) => m.lastVersionAt.getTime(),
  creation_timestamp: (m) => m.createdAt.getTime(),
  createdat: (m) => m.createdAt.getTime(),
  // The model's own last change (description, tags), which MLflow's names leave out.
  updatedat: (m) => m.updatedAt.getTime(),
};

function sorter(orderBy: readonly string[]) {
  const keys = orderBy.map((raw) => {
    const m = /^\s*(?:attributes?\.)?([\w]+)\s*(ASC|DESC)?\s*$/i.exec(raw);
    const key = m ? SORT_KEYS[m[1]!.toLowerCase()] : undefined;
    if (!key)
      throw new AppError(
        "BAD_REQUEST",
        `Invalid order_by '${raw}': use name, last_updated_timestamp, creation_timestamp or updatedAt`,
      );
    return { key, sign: m![2]?.toUpperCase() === "DESC" ? -1 : 1 };
  });
  // Newest version first by default, as the studio's list; the name breaks ties.
  if (keys.length === 0) keys.push({ key: SORT_KEYS.last_updated_timestamp!, sign: -1 });
  keys.push({ key: SORT_KEYS.name!, sign: 1 });
  return (a: TModelView, b: TModelView) => {
    for (const { key, sign } of keys) {
      const [x, y] = [key(a), key(b)];
      if (x !== y) return (x < y ? -1 : 1) * sign;
    }
    return 0;
  };
}

/**
 * The workspace's registered models that match, a page at a time. Filtering and sorting happen
 * here rather than in SQL: a workspace holds hundreds of models, not millions, and the grammar's
 * LIKE on JSON tags would otherwise need SQL of its own.
 */
export async function listModels(workspaceId: string, input: TListModels = {}) {
  const clauses = input.filter?.trim() ? parseRegistryFilter(input.filter, ["name"]) : [];
  const models = await db().registeredModel.findMany({
    where: { workspaceId },
    include: {
      versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, createdAt: true } },
      aliases: { include: { version: { select: { version: true } } } },
      _count: { select: { versions: true } },
    },
  });
  const views = models
    .map((m) =>
      modelView(
        m,
        { versionCount: m._count.versions, latest: m.versions[0] ?? null },
        m.aliases.map((a) => ({ alias: a.alias, version: a.version.version })),
      ),
    )
    .filter((m) => matchesRegistryFilter({ name: m.name, tags: m.tags }, clauses))
    .sort(sorter(input.orderBy ?? []));
  const offset = input.pageToken ? Number(input.pageToken) : 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new AppError("BAD_REQUEST", "Invalid page token");
  const limit = input.limit ?? 100;
  const page = views.slice(offset, offset + limit);
  return { models: page, nextPageToken: offset + limit < views.length ? String(offset + limit) : null };
}
