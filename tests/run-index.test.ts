import { describe, expect, it } from "vitest";
import { db } from "../server/db";
import { createRun } from "../server/services/runs/create-run";
import { logBatch } from "../server/services/runs/log-batch";
import { RUN_STATUSES } from "../server/services/runs/run-status";
import { searchRunIndex } from "../server/services/runs/run-index/search-run-index";
import { searchRuns, searchRunsInSql, type TSearchRuns } from "../server/services/runs/search-runs";
import { parseRunFilter, ATTRIBUTES } from "../server/services/runs/run-filter";
import { parseOrderBy } from "../server/services/runs/run-filter-sql";
import { createUser, ownerWorkspace } from "./helpers/actors";
import { withOwnConnection } from "./helpers/own-connection";
import { waitFor } from "./helpers/wait-for";

// Values chosen where SQL and JavaScript part ways: case beyond ASCII (dotted capital I, final
// sigma, the Kelvin sign), code points past the basic plane, LIKE's own characters, NaN and
// the infinities, and -0.
const TEXTS = [
  "resnet",
  "ResNet",
  "vit",
  "İstanbul",
  "istanbul",
  "ΑΣ",
  "ας",
  "ασ",
  "\u212Aelvin",
  "kelvin",
  "😀 grin",
  "\uFFFD",
  "a_b",
  "a%b",
  "back\\slash",
  "",
  " lead",
  "x".repeat(250),
];
const PATTERNS = [
  "%",
  "_",
  "r%",
  "%net",
  "%e%",
  "İ%",
  "i%",
  "%ς",
  "%σ",
  "%Σ",
  "a\\_b",
  "a\\%b",
  "%\\\\%",
  "😀%",
  "_ grin",
  "%K%",
  "%k%",
  "%x%x%x%y",
];
const FLOATS = [0.5, 0, -0, 0.25, 1e300, -1e300];
const ODD_VALUES = ["NaN", "Infinity", "-Infinity", 0, -0, 0.5] as const;

/** A seeded generator, so that a failure comes back on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const quote = (v: string) => `'${v.replace(/[\\']/g, (c) => `\\${c}`)}'`;

async function seedExperiment(seed: number) {
  const { workspaceId, user: owner } = await ownerWorkspace("index");
  const other = await createUser("other");
  const r = random(seed);
  const ids: string[] = [];
  let experimentId = "";
  for (let i = 0; i < 160; i++) {
    const parentRunId = ids.length > 0 && r.next() < 0.15 ? r.pick(ids) : undefined;
    const run = await createRun(workspaceId, r.next() < 0.2 ? null : r.next() < 0.5 ? owner.id : other.id, {
      ...(experimentId ? { experimentId } : { experimentName: `index-${seed}` }),
      displayName: r.pick(TEXTS),
      parentRunId,
    });
    experimentId = run.experimentId;
    ids.push(run.id);
    const metrics = [
      ...(r.next() < 0.9 ? [{ key: "acc", value: r.next() < 0.1 ? 0.5 : r.next(), step: 0, timestamp: 1 }] : []),
      ...(r.next() < 0.7 ? [{ key: "odd", value: r.pick(ODD_VALUES), step: 0, timestamp: 1 }] : []),
    ].map((m) => ({ ...m, value: typeof m.value === "string" ? Number(m.value) : m.value }));
    const params = r.next() < 0.85 ? [{ key: "model", value: r.pick(TEXTS) }] : [];
    const tags = r.next() < 0.6 ? [{ key: "team", value: r.pick(TEXTS) }] : [];
    await logBatch(workspaceId, run.id, { metrics, params, tags });
    const startedAt = r.next() < 0.8 ? new Date(1_700_000_000_000 + Math.floor(r.next() * 1000) * 1000) : null;
    await db().run.update({
      where: { id: run.id },
      data: {
        status: r.pick(RUN_STATUSES),
        startedAt,
        endedAt: startedAt && r.next() < 0.6 ? new Date(startedAt.getTime() + Math.floor(r.next() * 5000)) : null,
        deletedAt: r.next() < 0.1 ? new Date() : null,
        // Several runs created in the same millisecond: the order falls to their ids.
        createdAt: new Date(1_700_000_000_000 + Math.floor(r.next() * 20)),
      },
    });
  }
  return { workspaceId, experimentId, ids, owner, other, r };
}

function randomClause(r: ReturnType<typeof random>, ids: string[], experimentId: string): string {
  const text = () => quote(r.next() < 0.5 ? r.pick(TEXTS) : r.pick(PATTERNS));
  const textOp = () => r.pick(["=", "!=", "LIKE", "ILIKE"]);
  switch (Math.floor(r.next() * 9)) {
    case 0:
      return `metrics.${r.pick(["acc", "odd", "missing"])} ${r.pick([">", ">=", "<", "<=", "=", "!="])} ${r.pick(FLOATS)}`;
    case 1:
      return `params.model ${textOp()} ${text()}`;
    case 2:
      return `tags.team ${textOp()} ${text()}`;
    case 3:
      return r.pick([
        `tags.mlflow.runName ${textOp()} ${text()}`,
        `tags.mlflow.parentRunId = ${quote(r.pick(ids))}`,
        `tags.mlflow.user ${textOp()} '%other%'`,
      ]);
    case 4:
      return r.pick([
        `status = ${quote(r.pick(["FINISHED", "RUNNING", "failed", "Killed"]))}`,
        `status IN ('FINISHED', 'RUNNING', 'SCHEDULED')`,
        `status NOT IN ('FAILED')`,
        `status ILIKE 'c%'`,
      ]);
    case 5:
      return `attributes.run_name ${textOp()} ${text()}`;
    case 6:
      return r.pick([`attributes.user ${textOp()} '%other%'`, `attributes.user = ''`, `attributes.user != ''`]);
    case 7:
      return r.pick([
        `attributes.run_id = ${quote(r.pick(ids))}`,
        `attributes.run_id IN (${quote(r.pick(ids))}, ${quote(r.pick(ids))})`,
        `attributes.experiment_id = ${quote(experimentId)}`,
      ]);
    default:
      return `attributes.${r.pick(["start_time", "end_time"])} ${r.pick([">", ">=", "<", "<=", "=", "!="])} ${1_700_000_000_000 + Math.floor(r.next() * 1000) * 1000}`;
  }
}

function randomOrder(r: ReturnType<typeof random>): string[] {
  const keys = [
    "metrics.acc",
    "metrics.odd",
    "metrics.missing",
    "params.model",
    "tags.team",
    "attributes.start_time",
    "attributes.end_time",
    "attributes.run_name",
    "attributes.status",
    "attributes.user",
  ];
  return Array.from({ length: Math.floor(r.next() * 3) }, () =>
    `${r.pick(keys)} ${r.pick(["ASC", "DESC", ""])}`.trim(),
  );
}

const outcome = async (search: () => Promise<{ runs: { id: string }[]; nextPageToken: string | null }>) => {
  try {
    const { runs, nextPageToken } = await search();
    return { ids: runs.map((run) => run.id), nextPageToken };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

/** Views as both ways give them, less the duration of runs still going, which grows as time passes. */
const comparable = (runs: { durationMs: number | null; endedAt: Date | null }[]) =>
  runs.map((run) => ({ ...run, durationMs: run.endedAt ? run.durationMs : null }));

/** The search in memory only: it fails when the experiments' runs are not there. */
async function searchInMemory(workspaceId: string, input: TSearchRuns) {
  const found = await searchRunIndex(
    workspaceId,
    input,
    input.filter ? parseRunFilter(input.filter) : [],
    (input.orderBy ?? []).map((o) => parseOrderBy(o, ATTRIBUTES)),
    {
      rows: input.maxResults ?? 1000,
      skip: input.pageToken ? Number(Buffer.from(input.pageToken, "base64url").toString()) : 0,
    },
  );
  if (!found) throw new Error("not in memory");
  return found;
}

async function whenIndexed(workspaceId: string, experimentId: string) {
  await waitFor("the experiment's runs in memory", async () =>
    searchRunIndex(workspaceId, { experimentIds: [experimentId] }, [], [], { rows: 1, skip: 0 }),
  );
}

describe("searches in memory", () => {
  it("give the answers of SQL for random filters, orders and pages", async () => {
    const { workspaceId, experimentId, ids, r } = await seedExperiment(7);
    await whenIndexed(workspaceId, experimentId);
    let compared = 0;
    for (let i = 0; i < 400; i++) {
      const input: TSearchRuns = {
        experimentIds: [experimentId],
        filter: Array.from({ length: 1 + Math.floor(r.next() * 2) }, () => randomClause(r, ids, experimentId)).join(
          " and ",
        ),
        orderBy: randomOrder(r),
        view: r.pick(["active", "deleted", "all"] as const),
        parentRunId: r.pick([undefined, undefined, null, r.pick(ids)]),
        maxResults: r.pick([3, 20, 1000]),
        pageToken: r.next() < 0.3 ? Buffer.from(String(r.pick([2, 5, 40]))).toString("base64url") : undefined,
      };
      const inSql = await outcome(() => searchRunsInSql(workspaceId, input));
      const inMemory = await outcome(async () => {
        const found = await searchInMemory(workspaceId, input);
        return { runs: found.runs, nextPageToken: found.hasMore ? "more" : null };
      });
      const normalised = "ids" in inSql ? { ...inSql, nextPageToken: inSql.nextPageToken ? "more" : null } : inSql;
      expect(inMemory, `${input.filter} | ${input.orderBy?.join(", ")} | ${input.view}`).toEqual(normalised);
      if ("ids" in inSql && (inSql.ids?.length ?? 0) > 0) compared++;
    }
    // Most searches found runs, so the comparison was not of empty pages.
    expect(compared).toBeGreaterThan(150);
  });

  it("see every change committed before the search began", async () => {
    const { workspaceId, experimentId, ids, owner, other } = await seedExperiment(11);
    await whenIndexed(workspaceId, experimentId);
    const everything: TSearchRuns = { experimentIds: [experimentId], view: "all", orderBy: ["metrics.acc DESC"] };
    const same = async (what: string) => {
      const inSql = await searchRunsInSql(workspaceId, everything);
      const found = await searchInMemory(workspaceId, everything);
      expect(comparable(found.runs), what).toEqual(comparable(inSql.runs));
    };
    // Runs that still take metrics: neither deleted nor ended.
    const open = await db().run.findMany({ where: { id: { in: ids }, deletedAt: null, endedAt: null }, take: 4 });
    const [a, b, c, d] = open.map((run) => run.id);
    await logBatch(workspaceId, a!, {
      metrics: [{ key: "acc", value: 2, step: 9, timestamp: 9 }],
      params: [],
      tags: [],
    });
    await same("a new last value");
    await logBatch(workspaceId, a!, {
      metrics: [],
      params: [{ key: "late", value: "1" }],
      tags: [{ key: "team", value: "z" }],
    });
    await same("a param and a tag");
    await db().runTag.deleteMany({ where: { runId: a! } });
    await same("tags deleted");
    await db().run.update({
      where: { id: b! },
      data: { status: "Failed", endedAt: new Date(), displayName: "renamed" },
    });
    await same("the run's own fields");
    await createRun(workspaceId, owner.id, { experimentId, parentRunId: c!, displayName: "late child" });
    await same("a new child run and its parent's child count");
    await db().user.update({ where: { id: other.id }, data: { name: "Other, renamed" } });
    await same("the user's name");
    await db().run.delete({ where: { id: d! } });
    await same("a purged run");
    await db().experiment.update({ where: { id: experimentId }, data: { deletedAt: new Date() } });
    expect((await searchInMemory(workspaceId, { experimentIds: [experimentId] })).runs).toEqual([]);
    expect((await searchInMemory(workspaceId, { ...everything, view: "deleted" })).runs.length).toBeGreaterThan(100);
  });

  it("see a change whose transaction was still open when their experiment was last read", async () => {
    const { workspaceId, experimentId, ids } = await seedExperiment(5);
    await whenIndexed(workspaceId, experimentId);
    const late: TSearchRuns = { experimentIds: [experimentId], view: "all", filter: "params.late = 'yes'" };
    await withOwnConnection(async (other) => {
      await other.query("BEGIN");
      await other.query(`INSERT INTO "RunParam" ("runId", "key", "value") VALUES ($1, 'late', 'yes')`, [ids[0]]);
      // A later transaction that commits first: the open one is then inside the next snapshot's
      // range, listed as in progress, not past its end.
      await createUser("bystander");
      // Read while the other transaction is open: its change is not in this snapshot.
      expect((await searchInMemory(workspaceId, late)).runs).toEqual([]);
      await other.query("COMMIT");
    });
    expect((await searchInMemory(workspaceId, late)).runs.map((run) => run.id)).toEqual([ids[0]]);
  });

  it("leave other workspaces' experiments out", async () => {
    const mine = await seedExperiment(3);
    const theirs = await ownerWorkspace("stranger");
    await whenIndexed(mine.workspaceId, mine.experimentId);
    const scope: TSearchRuns = { experimentIds: [mine.experimentId], view: "all" };
    expect((await searchInMemory(theirs.workspaceId, scope)).runs).toEqual([]);
    expect((await searchRuns(theirs.workspaceId, scope)).runs).toEqual([]);
    expect((await searchRuns(mine.workspaceId, scope)).runs.length).toBeGreaterThan(100);
  });
});
