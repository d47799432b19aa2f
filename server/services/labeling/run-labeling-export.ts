import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { createDataVersion } from "../data/create-data-version";
import { storeBlob } from "../data/store-blob";
import { describeTable } from "../data/table-definition";
import { acceptedLabels } from "./accepted-labels";
import { EXPORT_FILE_NAMES, exportContent, type TExportFormat, type TExportItem } from "./export-formats";
import type { TLabelingProjectRow } from "./find-labeling-project";

/**
 * Writes an export: reads accepted labels a page at a time (progress saved after each), writes the
 * file to a temporary name, stores it content-addressed and records the data version. A failure is
 * saved on the export with its reason; nothing half-written is registered.
 */
export async function runLabelingExport(actor: TActor, project: TLabelingProjectRow, exportId: string): Promise<void> {
  const row = await db().labelingExport.update({ where: { id: exportId }, data: { status: "running" } });
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "crucible-labels-"));
  try {
    const items: TExportItem[] = [];
    for await (const page of acceptedLabels(project)) {
      items.push(...page);
      await db().labelingExport.update({ where: { id: exportId }, data: { done: items.length } });
    }
    const format = row.format as TExportFormat;
    const fileName = EXPORT_FILE_NAMES[format];
    const file = path.join(dir, fileName);
    await fsp.writeFile(
      file,
      exportContent(
        project.taskType,
        project.labels.map((l) => l.name),
        format,
        items,
      ),
    );
    const blob = await storeBlob(project.workspaceId, file);
    const table = format === "csv" ? await describeTable([fileName], async () => file) : null;
    const { version } = await createDataVersion(actor, project.workspaceId, {
      target: {
        name: row.assetName,
        type: table ? "table" : "uri_file",
        description: `Accepted labels of labeling project '${project.name}' (${format}, ${items.length} items)`,
        tags: { labelingProject: project.name, format },
      },
      files: [{ path: fileName, size: blob.size, sha256: blob.sha256 }],
      table,
    });
    await db().labelingExport.update({
      where: { id: exportId },
      data: {
        status: "done",
        done: items.length,
        total: items.length,
        dataVersion: version.version,
        finishedAt: new Date(),
      },
    });
  } catch (error) {
    await db()
      .labelingExport.update({
        where: { id: exportId },
        data: { status: "failed", error: (error as Error).message.slice(0, 2000), finishedAt: new Date() },
      })
      .catch(() => undefined);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
