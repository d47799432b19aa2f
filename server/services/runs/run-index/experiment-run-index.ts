import "server-only";
import { loadRunViews, type TRunView } from "../run-view";
import { readChangedRuns, readExperimentRuns, type TExperimentAt } from "./run-changes";

/** The runs of one experiment, as of `snapshot`, by id, and as a list (null until asked for since the last change). */
export type TIndexedExperiment = TExperimentAt & {
  experimentId: string;
  runs: Map<string, TRunView>;
  list: TRunView[] | null;
};

/** The experiment's runs as a list: a search reads them all, and a list is many times faster to walk than a map. */
export function runList(indexed: TIndexedExperiment): TRunView[] {
  indexed.list ??= [...indexed.runs.values()];
  return indexed.list;
}

type TEntry = {
  /** Null until the first load ends. */
  indexed: TIndexedExperiment | null;
  loading: Promise<void> | null;
  refreshing: Promise<void> | null;
  /** A refresh that starts when the one under way ends, shared by every search that came meanwhile. */
  nextRefresh: Promise<void> | null;
  /** Searched in SQL until then: it had more runs than an index holds. */
  isTooLargeUntil: number;
};

// 1.3 kB a run with two params and two metrics, as measured on the benchmark's runs: a few hundred MB at most.
const MAX_RUNS_INDEXED = 200_000;
const MAX_RUNS_PER_EXPERIMENT = 100_000;
const TOO_LARGE_RECHECK_MS = 5 * 60_000;
const VIEWS_PER_LOAD = 5_000;

// Least recently searched first (a Map keeps insertion order; a search moves its entry last).
const entries = new Map<string, TEntry>();

/**
 * The experiments' runs as of now, each brought up to date with the changes committed since its
 * snapshot (an experiment that does not exist has none); null while any of them is not in memory.
 * Its loading starts then, in the background, so that no search waits for it: that one is
 * answered in SQL.
 */
export async function indexedExperiments(experimentIds: string[]): Promise<TIndexedExperiment[] | null> {
  const now = Date.now();
  const found = experimentIds.map((id) => {
    let entry = entries.get(id);
    if (entry) entries.delete(id);
    entry ??= { indexed: null, loading: null, refreshing: null, nextRefresh: null, isTooLargeUntil: 0 };
    entries.set(id, entry);
    return [id, entry] as const;
  });
  let isReady = true;
  for (const [id, entry] of found) {
    if (entry.indexed) continue;
    isReady = false;
    if (!entry.loading && entry.isTooLargeUntil <= now) entry.loading = load(id, entry);
  }
  if (!isReady) return null;
  await Promise.all(found.map(([id, entry]) => refreshed(id, entry)));
  const indexed = found.map(([, entry]) => entry.indexed);
  // Grown past what an index holds while refreshed.
  if (found.some(([, entry]) => entry.isTooLargeUntil > now)) return null;
  return indexed.filter((e): e is TIndexedExperiment => e !== null);
}

async function load(experimentId: string, entry: TEntry): Promise<void> {
  try {
    const at = await readExperimentRuns(experimentId, MAX_RUNS_PER_EXPERIMENT + 1);
    if (!at) {
      entries.delete(experimentId);
      return;
    }
    if (at.runIds.length > MAX_RUNS_PER_EXPERIMENT) {
      entry.isTooLargeUntil = Date.now() + TOO_LARGE_RECHECK_MS;
      return;
    }
    const runs = new Map<string, TRunView>();
    for (let i = 0; i < at.runIds.length; i += VIEWS_PER_LOAD) {
      for (const view of await loadRunViews(at.runIds.slice(i, i + VIEWS_PER_LOAD))) runs.set(view.id, view);
    }
    entry.indexed = { ...pick(at), experimentId, runs, list: null };
    evictBeyondLimit();
  } catch (error) {
    // Tried again at the next search; meanwhile searches run in SQL.
    console.error(`[crucible] could not index the runs of experiment ${experimentId}:`, error);
  } finally {
    entry.loading = null;
  }
}

function refreshed(experimentId: string, entry: TEntry): Promise<void> {
  if (!entry.refreshing) {
    entry.refreshing = refresh(experimentId, entry).finally(() => (entry.refreshing = null));
    return entry.refreshing;
  }
  // The refresh under way may have read its changes before this search began: the next one has not.
  entry.nextRefresh ??= entry.refreshing
    .catch(() => undefined)
    .then(() => {
      entry.nextRefresh = null;
      return refreshed(experimentId, entry);
    });
  return entry.nextRefresh;
}

async function refresh(experimentId: string, entry: TEntry): Promise<void> {
  const indexed = entry.indexed;
  if (!indexed) return;
  const at = await readChangedRuns(experimentId, indexed.snapshot);
  if (!at) {
    // The experiment is gone: no runs from now on.
    indexed.runs.clear();
    indexed.list = null;
    entries.delete(experimentId);
    return;
  }
  if (at.runIds.length > 0) {
    // Read after the snapshot, so never older than it: a change these views already hold is read again next time, harmlessly.
    const views = new Map((await loadRunViews(at.runIds)).map((v) => [v.id, v]));
    for (const id of at.runIds) {
      const view = views.get(id);
      if (view?.experimentId === experimentId) indexed.runs.set(id, view);
      else indexed.runs.delete(id);
    }
    // Only now: a search whose own refresh ended while this one waited may have listed the runs meanwhile.
    indexed.list = null;
    if (indexed.runs.size > MAX_RUNS_PER_EXPERIMENT) {
      entries.delete(experimentId);
      entry.indexed = null;
      entry.isTooLargeUntil = Date.now() + TOO_LARGE_RECHECK_MS;
      return;
    }
  }
  Object.assign(indexed, pick(at));
}

function pick(at: TExperimentAt): TExperimentAt {
  return { workspaceId: at.workspaceId, isDeleted: at.isDeleted, snapshot: at.snapshot };
}

function evictBeyondLimit(): void {
  let total = 0;
  for (const entry of entries.values()) total += entry.indexed?.runs.size ?? 0;
  for (const [id, entry] of entries) {
    if (total <= MAX_RUNS_INDEXED) break;
    total -= entry.indexed?.runs.size ?? 0;
    entries.delete(id);
  }
}
