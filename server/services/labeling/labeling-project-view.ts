import { z } from "zod";
import { db } from "../../db";
import { EXPORT_FORMATS, ZExportFormat } from "./export-formats";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { LABELING_TASK_TYPES } from "./labeling-input";

export const ZStatusCounts = z.object({
  todo: z.number(),
  inProgress: z.number(),
  needsReview: z.number(),
  done: z.number(),
  broken: z.number(),
  total: z.number(),
});
export type TStatusCounts = z.infer<typeof ZStatusCounts>;

export const ZLabelingProjectView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  instructions: z.string(),
  taskType: z.enum(LABELING_TASK_TYPES),
  multiLabel: z.boolean(),
  labels: z.array(z.object({ name: z.string(), color: z.string(), hotkey: z.string().nullable() })),
  overlap: z.number(),
  dataAssetName: z.string(),
  textColumn: z.string().nullable(),
  assistEndpoint: z.string().nullable(),
  createdAt: z.date(),
  counts: ZStatusCounts,
  /** The formats its accepted labels can be exported as. */
  exportFormats: z.array(ZExportFormat),
  sources: z.array(z.object({ version: z.number(), itemCount: z.number(), addedAt: z.date() })),
});
export type TLabelingProjectView = z.infer<typeof ZLabelingProjectView>;

/** Items by status for many projects in one indexed GROUP BY. */
export async function statusCounts(projectIds: readonly string[]): Promise<Map<string, TStatusCounts>> {
  const rows = await db().$queryRaw<{ projectId: string; status: keyof TStatusCounts; n: number }[]>`
    SELECT "projectId", status::text AS status, count(*)::int AS n FROM "LabelingItem"
    WHERE "projectId" = ANY(${[...projectIds]}::text[]) GROUP BY "projectId", status`;
  const counts = new Map<string, TStatusCounts>();
  for (const id of projectIds) counts.set(id, { todo: 0, inProgress: 0, needsReview: 0, done: 0, broken: 0, total: 0 });
  for (const row of rows) {
    const c = counts.get(row.projectId)!;
    c[row.status] = row.n;
    c.total += row.n;
  }
  return counts;
}

export async function labelingProjectView(project: TLabelingProjectRow): Promise<TLabelingProjectView> {
  const [counts, sources] = await Promise.all([
    statusCounts([project.id]),
    db().labelingSource.findMany({ where: { projectId: project.id }, orderBy: { version: "asc" } }),
  ]);
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    instructions: project.instructions,
    taskType: project.taskType,
    multiLabel: project.multiLabel,
    labels: project.labels,
    overlap: project.overlap,
    dataAssetName: project.dataAssetName,
    textColumn: project.textColumn,
    assistEndpoint: project.assistEndpoint,
    createdAt: project.createdAt,
    counts: counts.get(project.id)!,
    exportFormats: EXPORT_FORMATS[project.taskType],
    sources: sources.map((s) => ({ version: s.version, itemCount: s.itemCount, addedAt: s.addedAt })),
  };
}
