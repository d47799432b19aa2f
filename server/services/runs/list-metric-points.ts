import { db } from "../../db";
import { AppError } from "../../errors";
import { findRun } from "./find-run";

type TCursor = { step: string; id: string };

/** Every point of a metric in step order, a page at a time (keyset pagination, stable under appends). */
export async function listMetricPoints(
  workspaceId: string,
  runId: string,
  key: string,
  limit: number,
  pageToken?: string,
) {
  await findRun(workspaceId, runId);
  let cursor: TCursor | null = null;
  if (pageToken) {
    try {
      cursor = JSON.parse(Buffer.from(pageToken, "base64url").toString("utf8")) as TCursor;
      BigInt(cursor.step);
      BigInt(cursor.id);
    } catch {
      throw new AppError("BAD_REQUEST", "Invalid page token");
    }
  }
  const rows = cursor
    ? await db().$queryRaw<{ id: bigint; step: bigint; value: number; timestamp: bigint }[]>`
        SELECT "id", "step", "value", "timestamp" FROM "Metric"
        WHERE "runId" = ${runId} AND "key" = ${key} AND ("step", "id") > (${BigInt(cursor.step)}, ${BigInt(cursor.id)})
        ORDER BY "step", "id" LIMIT ${limit + 1}`
    : await db().$queryRaw<{ id: bigint; step: bigint; value: number; timestamp: bigint }[]>`
        SELECT "id", "step", "value", "timestamp" FROM "Metric"
        WHERE "runId" = ${runId} AND "key" = ${key}
        ORDER BY "step", "id" LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    points: page.map((r) => ({ step: Number(r.step), value: r.value, timestamp: Number(r.timestamp) })),
    nextPageToken:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify({ step: String(last.step), id: String(last.id) })).toString("base64url")
        : null,
  };
}
