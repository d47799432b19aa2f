import { db } from "../db";
import { findRun } from "../services/runs/find-run";

export const MAX_LOG_PAGE = 5000;
/** A line's `seq` is a PostgreSQL integer: a cursor past it cannot be queried. */
export const MAX_LOG_SEQ = 2 ** 31 - 1;

export type TLogLine = { seq: number; stream: string; text: string; time: Date };

/** Console lines after `afterSeq`, in order; `search` filters case-insensitively. */
export async function listLogLines(
  workspaceId: string,
  runId: string,
  input: { afterSeq?: number; limit?: number; search?: string },
) {
  await findRun(workspaceId, runId);
  const limit = Math.min(input.limit ?? MAX_LOG_PAGE, MAX_LOG_PAGE);
  const pattern = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const lines = await db().$queryRaw<TLogLine[]>`
    SELECT "seq", "stream", "text", "time" FROM "RunLogLine"
    WHERE "runId" = ${runId} AND "seq" > ${input.afterSeq ?? 0} AND (${pattern}::text IS NULL OR "text" ILIKE ${pattern})
    ORDER BY "seq" LIMIT ${limit}`;
  return { lines, lastSeq: lines.at(-1)?.seq ?? input.afterSeq ?? 0, hasMore: lines.length === limit };
}
