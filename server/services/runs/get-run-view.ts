import { findRun } from "./find-run";
import { loadRunViews, type TRunView } from "./run-view";

/** One run of this workspace as the APIs show it; NOT_FOUND otherwise. */
export async function getRunView(workspaceId: string, runId: string): Promise<TRunView> {
  await findRun(workspaceId, runId);
  return (await loadRunViews([runId]))[0]!;
}
