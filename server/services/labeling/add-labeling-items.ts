import type { TActor } from "../../audit/record-audit-event";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { DataAssetVersion, Prisma } from "../../generated/prisma/client";
import { IMAGE_TASKS, type TLabelingTaskType } from "./labeling-input";
import { isImagePath, isRowFilePath, isTextFilePath } from "./item-kinds";
import { readItemRows } from "./read-item-rows";

/** As Azure ML's labeling projects: at most this many items in one project. */
export const MAX_PROJECT_ITEMS = 500_000;

type TNewItem = { key: string; path: string; row: number | null; text: string | null };

/**
 * Adds a data version's items that the project does not have yet (an item is known by its path,
 * and a row by `path#row`): images for image tasks; for text tasks each .txt file, each row of a
 * CSV file or table (its `textColumn`), each line of a JSONL file. The new items join the end of
 * the queue; the version is recorded as a source. Returns how many were new.
 */
export async function addLabelingItems(
  actor: TActor,
  project: { id: string; workspaceId: string; taskType: TLabelingTaskType; textColumn: string | null; name: string },
  version: DataAssetVersion,
  tx?: Prisma.TransactionClient,
): Promise<{ added: number; total: number }> {
  const items = await itemsOf(project, version);
  if (items.length === 0)
    throw new AppError(
      "BAD_REQUEST",
      IMAGE_TASKS.includes(project.taskType)
        ? "This data version has no images (.png, .jpg, .gif, .webp, .bmp) to label"
        : "This data version has no text to label (.txt files, or .csv / .jsonl rows)",
    );
  const insert = async (t: Prisma.TransactionClient) => {
    await t.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`crucible.labeling:${project.id}`}))`;
    const last = await t.labelingItem.aggregate({
      where: { projectId: project.id },
      _max: { seq: true },
      _count: true,
    });
    const known = new Set(
      (await t.labelingItem.findMany({ where: { projectId: project.id }, select: { key: true } })).map((i) => i.key),
    );
    const fresh = items.filter((i) => !known.has(i.key));
    if (last._count + fresh.length > MAX_PROJECT_ITEMS)
      throw new AppError("BAD_REQUEST", `A project holds at most ${MAX_PROJECT_ITEMS} items`);
    let seq = last._max.seq ?? 0;
    for (let i = 0; i < fresh.length; i += 5000) {
      await t.labelingItem.createMany({
        data: fresh
          .slice(i, i + 5000)
          .map((item) => ({ projectId: project.id, versionId: version.id, seq: ++seq, ...item })),
      });
    }
    await t.labelingSource.upsert({
      where: { projectId_versionId: { projectId: project.id, versionId: version.id } },
      create: { projectId: project.id, versionId: version.id, version: version.version, itemCount: fresh.length },
      update: {},
    });
    await recordAuditEvent(t, actor, {
      workspaceId: project.workspaceId,
      action: "labeling.items.add",
      targetType: "labelingProject",
      targetId: project.id,
      details: { name: project.name, dataVersion: version.version, added: fresh.length },
    });
    return { added: fresh.length, total: last._count + fresh.length };
  };
  return tx ? insert(tx) : db().$transaction(insert, { timeout: 120_000 });
}

async function itemsOf(
  project: { workspaceId: string; taskType: TLabelingTaskType; textColumn: string | null },
  version: DataAssetVersion,
): Promise<TNewItem[]> {
  const files = await db().dataAssetFile.findMany({
    where: { versionId: version.id },
    select: { path: true, sha256: true },
    orderBy: { path: "asc" },
  });
  if (IMAGE_TASKS.includes(project.taskType)) {
    const images = files.filter((f) => isImagePath(f.path));
    if (images.length > MAX_PROJECT_ITEMS)
      throw new AppError("BAD_REQUEST", `A project holds at most ${MAX_PROJECT_ITEMS} items`);
    return images.map((f) => ({ key: f.path, path: f.path, row: null, text: null }));
  }
  const items: TNewItem[] = [];
  for (const file of files) {
    if (isTextFilePath(file.path)) items.push({ key: file.path, path: file.path, row: null, text: null });
    else if (isRowFilePath(file.path)) {
      const rows = await readItemRows(
        project.workspaceId,
        version,
        file,
        project.textColumn ?? "text",
        MAX_PROJECT_ITEMS - items.length,
      );
      for (const r of rows) items.push({ key: `${r.path}#${r.row + 1}`, path: r.path, row: r.row, text: r.text });
    }
    if (items.length > MAX_PROJECT_ITEMS)
      throw new AppError("BAD_REQUEST", `A project holds at most ${MAX_PROJECT_ITEMS} items`);
  }
  return items;
}
