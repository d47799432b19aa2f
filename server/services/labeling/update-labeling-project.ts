import type { z } from "zod";
import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { completeLabels, type ZLabelingProjectChange } from "./labeling-input";
import { refreshItemStatus } from "./refresh-item-status";

/**
 * Changes a project's description, instructions, labels (added or recoloured; a label already used in
 * submitted work stays), overlap (item statuses are recounted against it) or ML assist endpoint.
 */
export async function updateLabelingProject(
  actor: TActor,
  project: TLabelingProjectRow,
  change: z.infer<typeof ZLabelingProjectChange>,
) {
  if (change.labels) {
    const kept = new Set(change.labels.map((l) => l.name));
    const dropped = project.labels.filter((l) => !kept.has(l.name)).map((l) => l.name);
    if (dropped.length > 0) {
      const [used] = await db().$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "LabelingAnnotation" a,
          LATERAL (SELECT jsonb_array_elements_text(coalesce(a.result->'labels', '[]'))
                   UNION ALL SELECT x->>'label' FROM jsonb_array_elements(
                     coalesce(a.result->'boxes', '[]') || coalesce(a.result->'polygons', '[]') || coalesce(a.result->'spans', '[]')) x
          ) l(name)
        WHERE a."projectId" = ${project.id} AND l.name = ANY(${dropped}::text[])`;
      if (used!.n > 0)
        throw new AppError("CONFLICT", `Labels in use cannot be removed: ${dropped.map((d) => `'${d}'`).join(", ")}`);
    }
  }
  return db().$transaction(async (tx) => {
    await tx.labelingProject.update({
      where: { id: project.id },
      data: {
        description: change.description,
        instructions: change.instructions,
        labels: change.labels ? completeLabels(change.labels) : undefined,
        overlap: change.overlap,
        assistEndpoint: change.assistEndpoint,
      },
    });
    if (change.overlap !== undefined && change.overlap !== project.overlap) {
      const items = await tx.labelingItem.findMany({ where: { projectId: project.id }, select: { id: true } });
      for (let i = 0; i < items.length; i += 5000)
        await refreshItemStatus(
          tx,
          items.slice(i, i + 5000).map((x) => x.id),
          change.overlap,
        );
    }
    await recordAuditEvent(tx, actor, {
      workspaceId: project.workspaceId,
      action: "labeling.project.update",
      targetType: "labelingProject",
      targetId: project.id,
      details: { name: project.name, fields: Object.keys(change) },
    });
  });
}
