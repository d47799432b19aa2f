import { db } from "../../db";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { consensus } from "./labeling-agreement";
import type { TLabelingResult } from "./labeling-result";
import type { TExportItem } from "./export-formats";

const PAGE = 1000;

/** How many items have accepted labels: what an export writes. */
export async function countAcceptedItems(projectId: string): Promise<number> {
  const [row] = await db().$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT "itemId")::int AS n FROM "LabelingAnnotation" WHERE "projectId" = ${projectId} AND state = 'accepted'`;
  return row!.n;
}

/**
 * Items with accepted labels in queue order, a page at a time (keyset on seq), each with one
 * result: the consensus of its accepted labels when several people's were accepted.
 */
export async function* acceptedLabels(project: TLabelingProjectRow): AsyncGenerator<TExportItem[]> {
  let afterSeq = 0;
  for (;;) {
    const items = await db().labelingItem.findMany({
      where: { projectId: project.id, seq: { gt: afterSeq }, annotations: { some: { state: "accepted" } } },
      orderBy: { seq: "asc" },
      take: PAGE,
      include: { annotations: { where: { state: "accepted" }, orderBy: { submittedAt: "asc" } } },
    });
    if (items.length === 0) return;
    afterSeq = items.at(-1)!.seq;
    yield items.map((item) => ({
      key: item.key,
      path: item.path,
      text: item.text,
      width: item.width,
      height: item.height,
      result: consensus(
        project.taskType,
        item.annotations.map((a) => a.result as TLabelingResult),
      )!.result,
    }));
  }
}
