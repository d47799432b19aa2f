import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { createExperiment } from "../services/experiments/create-experiment";
import { findExperiment } from "../services/experiments/find-experiment";
import { updateExperiment } from "../services/experiments/update-experiment";
import { MAX_TAG_VALUE_LENGTH, ZEntityKey, ZTagInput } from "../services/runs/limits";
import { endpoint, type TEndpoint } from "./endpoint";
import { experimentView } from "./mlflow-views";

const ZId = z.string().min(1);
const ZViewType = z.enum(["ACTIVE_ONLY", "DELETED_ONLY", "ALL"]).default("ACTIVE_ONLY");

/** `name = 'x'`, `name LIKE 'x%'`, `tags.k != 'v'`, … joined by AND, as MLflow's experiment search. */
function experimentMatcher(filter: string | undefined) {
  if (!filter?.trim()) return () => true;
  const clauses = filter.split(/\s+and\s+/i).map((c) => {
    const m = /^\s*(?:attributes\.)?(name|tags\.`?([^`\s]+)`?)\s*(=|!=|LIKE|ILIKE)\s*'((?:[^'\\]|\\.)*)'\s*$/i.exec(c);
    if (!m) throw new AppError("BAD_REQUEST", `Invalid experiment filter clause: '${c.trim()}'`);
    const [, field, tagKey, op, value] = m as unknown as [string, string, string | undefined, string, string];
    const like = (text: string, isCaseless: boolean) =>
      new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".")}$`, isCaseless ? "i" : "").test(text);
    return (e: { name: string; tags: { key: string; value: string }[] }) => {
      const actual = field.toLowerCase() === "name" ? e.name : e.tags.find((t) => t.key === tagKey)?.value;
      if (actual === undefined) return false;
      switch (op.toUpperCase()) {
        case "=": return actual === value;
        case "!=": return actual !== value;
        case "LIKE": return like(actual, false);
        default: return like(actual, true);
      }
    };
  });
  return (e: { name: string; tags: { key: string; value: string }[] }) => clauses.every((c) => c(e));
}

export const EXPERIMENT_ENDPOINTS: Record<string, TEndpoint> = {
  "experiments/create": endpoint(["POST"], "experiment:write",
    z.object({ name: z.string().trim().min(1).max(500), artifact_location: z.string().optional(), tags: z.array(ZTagInput).max(100).default([]) }),
    async (ctx, input) => {
      const existing = await db().experiment.findUnique({ where: { workspaceId_name: { workspaceId: ctx.workspaceId, name: input.name } } });
      if (existing) throw new AppError("CONFLICT", `Experiment '${input.name}' already exists.`);
      const e = await createExperiment(ctx.workspaceId, ctx.caller.userId, { name: input.name, tags: input.tags });
      return { experiment_id: e.id };
    }),

  "experiments/get": endpoint(["GET"], "experiment:read", z.object({ experiment_id: ZId }), async (ctx, input) => ({
    experiment: experimentView(await findExperiment(ctx.workspaceId, input.experiment_id)),
  })),

  "experiments/get-by-name": endpoint(["GET"], "experiment:read", z.object({ experiment_name: z.string().min(1) }), async (ctx, input) => {
    const e = await db().experiment.findUnique({ where: { workspaceId_name: { workspaceId: ctx.workspaceId, name: input.experiment_name } }, include: { tags: true } });
    if (!e) throw new AppError("NOT_FOUND", `Could not find experiment with name '${input.experiment_name}'`);
    return { experiment: experimentView(e) };
  }),

  "experiments/search": endpoint(["GET", "POST"], "experiment:read",
    z.object({
      max_results: z.coerce.number().int().min(1).max(50_000).default(1000),
      page_token: z.string().optional(),
      filter: z.string().optional(),
      order_by: z.union([z.string(), z.array(z.string())]).optional(),
      view_type: ZViewType,
    }),
    async (ctx, input) => {
      const offset = input.page_token ? Number(Buffer.from(input.page_token, "base64url").toString()) : 0;
      if (!Number.isInteger(offset) || offset < 0) throw new AppError("BAD_REQUEST", "Invalid page token");
      const rows = await db().experiment.findMany({
        where: {
          workspaceId: ctx.workspaceId,
          ...(input.view_type === "ACTIVE_ONLY" ? { deletedAt: null } : input.view_type === "DELETED_ONLY" ? { deletedAt: { not: null } } : {}),
        },
        include: { tags: true },
        orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      });
      const orders = [input.order_by ?? []].flat();
      const sorted = orders.length ? sortExperiments(rows, orders) : rows;
      const matched = sorted.filter(experimentMatcher(input.filter));
      const page = matched.slice(offset, offset + input.max_results);
      const next = offset + input.max_results < matched.length ? Buffer.from(String(offset + input.max_results)).toString("base64url") : undefined;
      return { experiments: page.map(experimentView), ...(next ? { next_page_token: next } : {}) };
    }),

  "experiments/update": endpoint(["POST", "PATCH"], "experiment:write", z.object({ experiment_id: ZId, new_name: z.string().trim().min(1).max(500).optional() }), async (ctx, input) => {
    await updateExperiment(ctx.workspaceId, input.experiment_id, { name: input.new_name });
    return {};
  }),

  "experiments/delete": endpoint(["POST", "DELETE"], "experiment:write", z.object({ experiment_id: ZId }), async (ctx, input) => {
    await updateExperiment(ctx.workspaceId, input.experiment_id, { isArchived: true });
    return {};
  }),

  "experiments/restore": endpoint(["POST"], "experiment:write", z.object({ experiment_id: ZId }), async (ctx, input) => {
    await updateExperiment(ctx.workspaceId, input.experiment_id, { isArchived: false });
    return {};
  }),

  "experiments/set-experiment-tag": endpoint(["POST"], "experiment:write", z.object({ experiment_id: ZId, key: ZEntityKey, value: z.string().max(MAX_TAG_VALUE_LENGTH) }), async (ctx, input) => {
    await updateExperiment(ctx.workspaceId, input.experiment_id, { tags: [{ key: input.key, value: input.value }] });
    return {};
  }),
};

type TSortable = { id: string; name: string; createdAt: Date; updatedAt: Date };

function sortExperiments<T extends TSortable>(rows: T[], orders: string[]): T[] {
  const keys = orders.map((o) => {
    const m = /^\s*(?:attributes\.)?(name|experiment_id|creation_time|last_update_time)\s*(ASC|DESC)?\s*$/i.exec(o);
    if (!m) throw new AppError("BAD_REQUEST", `Invalid order_by clause '${o}'`);
    const field = m[1]!.toLowerCase();
    const sign = (m[2] ?? "ASC").toUpperCase() === "DESC" ? -1 : 1;
    const value = (r: T): string | number =>
      field === "name" ? r.name : field === "experiment_id" ? r.id : field === "creation_time" ? r.createdAt.getTime() : r.updatedAt.getTime();
    return { value, sign };
  });
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = k.value(a);
      const y = k.value(b);
      if (x < y) return -k.sign;
      if (x > y) return k.sign;
    }
    return 0;
  });
}
