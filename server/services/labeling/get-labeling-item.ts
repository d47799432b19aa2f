import { db } from "../../db";
import { AppError } from "../../errors";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { consensus, itemAgreement } from "./labeling-agreement";
import { annotationView, labelingItemView } from "./labeling-item-view";
import type { TLabelingResult } from "./labeling-result";
import { prepareLabelingItem } from "./prepare-labeling-item";

/**
 * One item as a manager or reviewer sees it: everyone's labels, their agreement and consensus, and
 * the item's history (every submission, skip, assignment and review, with who and when).
 */
export async function getLabelingItem(project: TLabelingProjectRow, itemId: string) {
  const found = await db().labelingItem.findFirst({ where: { id: itemId, projectId: project.id } });
  if (!found) throw new AppError("NOT_FOUND", "No such item in this project");
  const item = await prepareLabelingItem(project.workspaceId, project.taskType, found);
  const [annotations, events] = await Promise.all([
    db().labelingAnnotation.findMany({ where: { itemId }, orderBy: { submittedAt: "asc" } }),
    db().labelingEvent.findMany({ where: { itemId }, orderBy: { at: "asc" }, take: 500 }),
  ]);
  const userIds = [
    ...new Set([...annotations.map((a) => a.userId), ...events.flatMap((e) => (e.userId ? [e.userId] : []))]),
  ];
  const users = new Map(
    (await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } })).map((u) => [
      u.id,
      u.email,
    ]),
  );
  const labeled = annotations.filter((a) => (a.state === "submitted" || a.state === "accepted") && a.result);
  const results = labeled.map((a) => a.result as TLabelingResult);
  return {
    item: await labelingItemView(project, item, null),
    annotations: annotations.map((a) => ({ ...annotationView(a), email: users.get(a.userId) ?? "(removed user)" })),
    agreement: itemAgreement(project.taskType, results),
    consensus: consensus(project.taskType, results),
    history: events.map((e) => ({
      kind: e.kind,
      email: e.userId ? (users.get(e.userId) ?? "(removed user)") : null,
      result: (e.result as TLabelingResult | null) ?? null,
      comment: e.comment,
      at: e.at,
    })),
  };
}
