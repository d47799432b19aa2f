import { db } from "../../db";
import type { LabelingItemStatus } from "../../generated/prisma/client";
import type { TLabelingProjectRow } from "./find-labeling-project";

export type TItemListInput = { status?: LabelingItemStatus; afterSeq?: number; limit: number };

/** A page of items in queue order (keyset on `seq`, so page 400 costs what page 1 does), with who worked on each. */
export async function listLabelingItems(project: TLabelingProjectRow, input: TItemListInput) {
  const items = await db().labelingItem.findMany({
    where: { projectId: project.id, status: input.status, seq: input.afterSeq ? { gt: input.afterSeq } : undefined },
    orderBy: { seq: "asc" },
    take: input.limit + 1,
    select: {
      id: true,
      seq: true,
      key: true,
      status: true,
      error: true,
      annotations: { select: { state: true, userId: true }, orderBy: { submittedAt: "asc" } },
    },
  });
  const page = items.slice(0, input.limit);
  const userIds = [...new Set(page.flatMap((i) => i.annotations.map((a) => a.userId)))];
  const users = new Map(
    (await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } })).map((u) => [
      u.id,
      u.email,
    ]),
  );
  return {
    items: page.map((i) => ({
      id: i.id,
      seq: i.seq,
      key: i.key,
      status: i.status,
      error: i.error,
      annotations: i.annotations.map((a) => ({ state: a.state, email: users.get(a.userId) ?? "(removed user)" })),
    })),
    nextSeq: items.length > input.limit ? page.at(-1)!.seq : null,
  };
}
