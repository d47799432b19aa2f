import { db } from "../../db";
import type { TLabelingProjectRow } from "./find-labeling-project";
import { pairAgreement } from "./labeling-agreement";
import type { TLabelingResult } from "./labeling-result";
import { statusCounts } from "./labeling-project-view";

/** Overlapping items whose agreement the dashboard computes, newest first: enough for a stable mean. */
const AGREEMENT_SAMPLE = 5000;
const THROUGHPUT_DAYS = 14;

/**
 * A project's progress for its dashboard: items by status, each person's work (submitted, accepted,
 * rejected, skipped, agreement with others), submissions per person per day, how often each label
 * is used, and the mean agreement over items labeled by several people.
 */
export async function labelingDashboard(project: TLabelingProjectRow) {
  const [counts, work, daily, distribution] = await Promise.all([
    statusCounts([project.id]),
    db().$queryRaw<{ userId: string; state: string; n: number }[]>`
      SELECT "userId", state::text AS state, count(*)::int AS n FROM "LabelingAnnotation"
      WHERE "projectId" = ${project.id} GROUP BY "userId", state`,
    db().$queryRaw<{ userId: string; day: Date; n: number }[]>`
      SELECT "userId", date_trunc('day', at) AS day, count(*)::int AS n FROM "LabelingEvent"
      WHERE "projectId" = ${project.id} AND kind = 'submit' AND at > now() - make_interval(days => ${THROUGHPUT_DAYS})
      GROUP BY "userId", day ORDER BY day`,
    db().$queryRaw<{ label: string; n: number }[]>`
      SELECT l.name AS label, count(*)::int AS n FROM "LabelingAnnotation" a,
        LATERAL (SELECT jsonb_array_elements_text(coalesce(a.result->'labels', '[]'))
                 UNION ALL SELECT x->>'label' FROM jsonb_array_elements(
                   coalesce(a.result->'boxes', '[]') || coalesce(a.result->'polygons', '[]') || coalesce(a.result->'spans', '[]')) x
        ) l(name)
      WHERE a."projectId" = ${project.id} AND a.state IN ('submitted', 'accepted')
      GROUP BY l.name`,
  ]);
  const agreement = await agreementByPerson(project);
  const userIds = [...new Set([...work.map((w) => w.userId), ...daily.map((d) => d.userId)])];
  const users = new Map(
    (await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } })).map((u) => [
      u.id,
      u.email,
    ]),
  );
  const people = userIds.map((userId) => {
    const n = (state: string) => work.find((w) => w.userId === userId && w.state === state)?.n ?? 0;
    const scores = agreement.byPerson.get(userId);
    return {
      email: users.get(userId) ?? "(removed user)",
      submitted: n("submitted"),
      accepted: n("accepted"),
      rejected: n("rejected"),
      skipped: n("skipped"),
      open: n("leased") + n("assigned"),
      agreement: scores ? scores.sum / scores.count : null,
    };
  });
  const used = new Map(distribution.map((d) => [d.label, d.n]));
  return {
    counts: counts.get(project.id)!,
    people,
    throughput: daily.map((d) => ({ email: users.get(d.userId) ?? "(removed user)", day: d.day, submitted: d.n })),
    labels: project.labels.map((l) => ({ name: l.name, color: l.color, count: used.get(l.name) ?? 0 })),
    agreement: { mean: agreement.mean, items: agreement.items },
  };
}

async function agreementByPerson(project: TLabelingProjectRow) {
  const rows = await db().$queryRaw<{ itemId: string; userId: string; result: TLabelingResult }[]>`
    SELECT a."itemId", a."userId", a.result FROM "LabelingAnnotation" a
    WHERE a."itemId" IN (
      SELECT "itemId" FROM "LabelingAnnotation"
      WHERE "projectId" = ${project.id} AND state IN ('submitted', 'accepted')
      GROUP BY "itemId" HAVING count(*) >= 2
      ORDER BY max("submittedAt") DESC LIMIT ${AGREEMENT_SAMPLE})
    AND a.state IN ('submitted', 'accepted')`;
  const byItem = new Map<string, { userId: string; result: TLabelingResult }[]>();
  for (const row of rows) byItem.set(row.itemId, [...(byItem.get(row.itemId) ?? []), row]);
  const byPerson = new Map<string, { sum: number; count: number }>();
  let itemSum = 0;
  for (const labels of byItem.values()) {
    let sum = 0;
    let pairs = 0;
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const score = pairAgreement(project.taskType, labels[i]!.result, labels[j]!.result);
        sum += score;
        pairs++;
        for (const userId of [labels[i]!.userId, labels[j]!.userId]) {
          const p = byPerson.get(userId) ?? { sum: 0, count: 0 };
          p.sum += score;
          p.count++;
          byPerson.set(userId, p);
        }
      }
    }
    itemSum += sum / pairs;
  }
  return { byPerson, mean: byItem.size ? itemSum / byItem.size : null, items: byItem.size };
}
