import { db } from "../../db";
import { findRun } from "../runs/find-run";

export type TRunDataLink = {
  /** A data asset version, or a registered model version (read as an input only). */
  kind: "data" | "model";
  direction: "input" | "output";
  name: string;
  mode: string;
  asset: string;
  version: number;
  type: string;
  isArchived: boolean;
};

/** The data asset and model versions a run read and the data versions it made, inputs first. */
export async function listRunDataLinks(workspaceId: string, runId: string): Promise<TRunDataLink[]> {
  await findRun(workspaceId, runId);
  const [links, models] = await Promise.all([
    db().runDataLink.findMany({
      where: { runId },
      include: { version: { include: { asset: { select: { name: true } } } } },
    }),
    db().runModelInput.findMany({
      where: { runId },
      include: { version: { include: { model: { select: { name: true } } } } },
    }),
  ]);
  const rows: TRunDataLink[] = [
    ...links.map((l) => ({
      kind: "data" as const,
      direction: l.direction,
      name: l.name,
      mode: l.mode,
      asset: l.version.asset.name,
      version: l.version.version,
      type: l.version.type,
      isArchived: l.version.isArchived,
    })),
    ...models.map((m) => ({
      kind: "model" as const,
      direction: "input" as const,
      name: m.name,
      mode: m.mode,
      asset: m.version.model.name,
      version: m.version.version,
      type: m.version.type,
      isArchived: m.version.isArchived,
    })),
  ];
  return rows.sort((a, b) =>
    a.direction === b.direction ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.direction === "input" ? -1 : 1,
  );
}
