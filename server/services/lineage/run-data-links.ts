import { db } from "../../db";
import { findRun } from "../runs/find-run";

export type TRunDataLink = {
  direction: "input" | "output";
  name: string;
  mode: string;
  asset: string;
  version: number;
  type: string;
  isArchived: boolean;
};

/** The data asset versions a run read and made, inputs first. */
export async function listRunDataLinks(workspaceId: string, runId: string): Promise<TRunDataLink[]> {
  await findRun(workspaceId, runId);
  const links = await db().runDataLink.findMany({
    where: { runId },
    include: { version: { include: { asset: { select: { name: true } } } } },
    orderBy: [{ direction: "asc" }, { name: "asc" }],
  });
  return links.map((l) => ({
    direction: l.direction,
    name: l.name,
    mode: l.mode,
    asset: l.version.asset.name,
    version: l.version.version,
    type: l.version.type,
    isArchived: l.version.isArchived,
  }));
}
