import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { AppError } from "../../errors";
import { parseRunFilter, type TClause } from "../runs/run-filter";
import { MLFLOW_TO_MODEL_STATUS, ZLoggedModelStatus } from "./logged-model-limits";

export type TSearchLoggedModels = {
  experimentIds: string[];
  filter?: string;
  orderBy: { field: string; isAscending: boolean }[];
  maxResults: number;
  pageToken?: string;
};

const ORDER_FIELDS: Record<string, "name" | "createdAt" | "updatedAt"> = {
  name: "name",
  creation_timestamp: "createdAt",
  creation_time: "createdAt",
  last_updated_timestamp: "updatedAt",
};
// Canonical attribute names of the runs filter grammar.
const ATTRIBUTE_FIELDS: Record<string, "name" | "status" | "id"> = { name: "name", status: "status", id: "id" };

function unsupported(c: TClause): never {
  throw new AppError(
    "BAD_REQUEST",
    `Invalid filter: logged model search supports =, != and LIKE on name, status, tags and params, not ${c.entity} '${c.key}' ${c.op}`,
  );
}

/** One filter clause as a Prisma condition; the filter grammar is the runs search's. */
function clauseWhere(c: TClause): Prisma.LoggedModelWhereInput {
  if (typeof c.value !== "string") unsupported(c);
  const value = c.value;
  if (c.entity === "tag" || c.entity === "param") {
    const column = c.entity === "tag" ? "tags" : "params";
    if (c.op === "=") return { [column]: { path: [c.key], equals: value } };
    if (c.op === "!=") return { NOT: { [column]: { path: [c.key], equals: value } } };
    unsupported(c);
  }
  const field = c.entity === "attribute" ? ATTRIBUTE_FIELDS[c.key] : undefined;
  if (!field) unsupported(c);
  if (field === "status") {
    const status = ZLoggedModelStatus.safeParse(
      MLFLOW_TO_MODEL_STATUS[value as keyof typeof MLFLOW_TO_MODEL_STATUS] ?? value,
    );
    if (!status.success || (c.op !== "=" && c.op !== "!=")) unsupported(c);
    return c.op === "=" ? { status: status.data } : { NOT: { status: status.data } };
  }
  if (c.op === "=") return { [field]: value };
  if (c.op === "!=") return { NOT: { [field]: value } };
  if (c.op === "LIKE" || c.op === "ILIKE") {
    // LIKE's % and _ as Prisma's contains/startsWith cannot say them; only a pattern of literal parts around % works.
    const parts = value.split("%");
    if (parts.some((p) => p.includes("_"))) unsupported(c);
    const mode = c.op === "ILIKE" ? ("insensitive" as const) : undefined;
    return {
      AND: [
        ...(parts[0] ? [{ [field]: { startsWith: parts[0], mode } }] : []),
        ...(parts.length > 1 && parts.at(-1) ? [{ [field]: { endsWith: parts.at(-1), mode } }] : []),
        ...parts
          .slice(1, -1)
          .filter(Boolean)
          .map((p) => ({ [field]: { contains: p, mode } })),
        ...(parts.length === 1 ? [{ [field]: { equals: value, mode } }] : []),
      ],
    };
  }
  unsupported(c);
}

/** Logged models of some experiments of a workspace, newest first unless ordered otherwise, a page at a time. */
export async function searchLoggedModels(workspaceId: string, input: TSearchLoggedModels) {
  const offset = input.pageToken ? Number(input.pageToken) : 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new AppError("BAD_REQUEST", "Invalid page_token");
  const orderBy: Prisma.LoggedModelOrderByWithRelationInput[] = input.orderBy.map((o) => {
    const field =
      ORDER_FIELDS[o.field] ??
      (() => {
        throw new AppError("BAD_REQUEST", `Cannot order logged models by '${o.field}'`);
      })();
    return { [field]: o.isAscending ? "asc" : "desc" };
  });
  const rows = await db().loggedModel.findMany({
    where: {
      workspaceId,
      deletedAt: null,
      ...(input.experimentIds.length ? { experimentId: { in: input.experimentIds } } : {}),
      AND: parseRunFilter(input.filter ?? "").map(clauseWhere),
    },
    orderBy: [...orderBy, { createdAt: "desc" }, { id: "asc" }],
    skip: offset,
    take: input.maxResults + 1,
  });
  return {
    models: rows.slice(0, input.maxResults),
    nextPageToken: rows.length > input.maxResults ? String(offset + input.maxResults) : undefined,
  };
}
