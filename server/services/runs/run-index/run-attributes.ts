import type { ATTRIBUTES } from "../run-filter";
import type { TRunView } from "../run-view";

type TAttribute = (typeof ATTRIBUTES)[keyof typeof ATTRIBUTES];

/**
 * Each attribute of the search grammar read from a run's view, as its SQL reads it from the run
 * (`ATTRIBUTE_COLUMN` in run-filter-sql.ts): times in epoch milliseconds, a run without a user
 * as the empty email.
 */
export const ATTRIBUTE_VALUES = {
  status: (run) => run.status,
  name: (run) => run.displayName,
  user: (run) => run.user?.email ?? "",
  id: (run) => run.id,
  experiment_id: (run) => run.experimentId,
  start_time: (run) => run.startedAt?.getTime() ?? null,
  end_time: (run) => run.endedAt?.getTime() ?? null,
} satisfies Record<TAttribute, (run: TRunView) => string | number | null>;

export function attributeValue(key: string): (run: TRunView) => string | number | null {
  const read = ATTRIBUTE_VALUES[key as TAttribute];
  if (!read) throw new Error(`no attribute '${key}' in a run's view`);
  return read;
}
