import "server-only";
import type { TClause } from "../run-filter";
import type { TOrder } from "../run-filter-sql";
import { withCurrentDuration, type TRunView } from "../run-view";
import { databaseTextRules } from "./database-text-rules";
import { indexedExperiments, runList } from "./experiment-run-index";
import { runMatcher } from "./match-run";
import { firstRuns } from "./run-order";

/** Which runs a search looks among, as `TSearchRuns` (search-runs.ts) names them. */
type TSearchScope = { experimentIds?: string[]; view?: "active" | "deleted" | "all"; parentRunId?: string | null };

// More named experiments than this are searched in SQL: an index each would crowd out the rest.
const MAX_EXPERIMENTS = 10;

/**
 * The runs that match, in order, from the experiments' runs kept in memory: `rows` from `skip`,
 * and whether more follow. Null when the search is for SQL: no experiment named, a database
 * whose text rules are not known here, or an experiment not in memory yet.
 */
export async function searchRunIndex(
  workspaceId: string,
  input: TSearchScope,
  clauses: TClause[],
  orders: TOrder[],
  page: { rows: number; skip: number },
): Promise<{ runs: TRunView[]; hasMore: boolean } | null> {
  const experimentIds = [...new Set(input.experimentIds ?? [])];
  if (experimentIds.length === 0 || experimentIds.length > MAX_EXPERIMENTS) return null;
  // Unknown, or not known yet because the catalog could not be read: SQL answers.
  const rules = await databaseTextRules().catch(() => null);
  if (!rules) return null;
  // Compiled first: a bad filter (an unknown status) fails here as in SQL, and no experiment is loaded for it.
  const isMatch = runMatcher(clauses, rules);
  const experiments = await indexedExperiments(experimentIds);
  if (!experiments) return null;

  const view = input.view ?? "active";
  const found: TRunView[] = [];
  for (const e of experiments) {
    if (e.workspaceId !== workspaceId || (view === "active" && e.isDeleted)) continue;
    for (const run of runList(e)) {
      if (view === "active" && run.isDeleted) continue;
      if (view === "deleted" && !run.isDeleted && !e.isDeleted) continue;
      if (input.parentRunId !== undefined && run.parentRunId !== input.parentRunId) continue;
      if (isMatch(run)) found.push(run);
    }
  }
  const end = page.skip + page.rows;
  const now = Date.now();
  return {
    runs: firstRuns(found, orders, end)
      .slice(page.skip)
      .map((run) => withCurrentDuration(run, now)),
    hasMore: found.length > end,
  };
}
