// A labeling project of 10,000 images with the queue's head 90 % of the way in (the expensive case
// for a queue that skips finished items), in three phases: one labeler alone (the API's own
// latency), 20 labelers each taking an item a second (a brisk team: people look at an item for
// seconds), and 20 labelers flat out (the studio's throughput). The baseline, in the same run and
// the same way, is a 1,000-image project: the next item should cost the same whatever the size.
// Goal: next item p95 ≤ 100 ms at the API with 10,000 images and 20 labelers at one item a second.
// Usage: npm run bench:labeling  (BENCH_IMAGES, BENCH_LABELERS, BENCH_SECONDS to change it)
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { solidPng } from "../tests/helpers/png";
import { startBenchStudio, type TApi } from "./bench-studio";
import { ms, summarise } from "./stats";

const IMAGES = Number(process.env.BENCH_IMAGES ?? 10_000);
const LABELERS = Number(process.env.BENCH_LABELERS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const BASELINE_IMAGES = 1_000;

type TItem = { id: string; width: number; height: number } | null;

function writeImages(dir: string, count: number): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    // Distinct bytes per image, so none is stored once for several.
    fs.writeFileSync(
      path.join(dir, `img-${String(i).padStart(6, "0")}.png`),
      solidPng(32, 24, [i % 256, (i >> 8) % 256, 7]),
    );
  }
}

function cli(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve("bin/crucible.cjs"), ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`crucible ${args.join(" ")}: exit ${code}`)),
    );
  });
}

async function labelers(api: TApi, workspaceId: string, token: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = `labeler-${i}@bench.local`;
    const invite = (await api("POST", `/workspaces/${workspaceId}/invitations`, token, {
      email,
      role: "DataScientist",
    })) as {
      inviteUrl: string;
    };
    await api("POST", `/invitations/${invite.inviteUrl.split("/invite/")[1]}/accept`, null, {
      name: email,
      password: "bench-password",
    });
    tokens.push(
      (
        (await api("POST", "/auth/token", null, { email, password: "bench-password", name: "bench" })) as {
          token: string;
        }
      ).token,
    );
  }
  return tokens;
}

/** Marks the first `share` of a project's items done, as if labeled and accepted, straight in the database. */
async function finishHead(databaseUrl: string, project: string, share: number): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ id, n }] = (
      await client.query<{ id: string; n: number }>(
        `SELECT p.id, count(i.id)::int AS n FROM "LabelingProject" p JOIN "LabelingItem" i ON i."projectId" = p.id
         WHERE p.name = $1 GROUP BY p.id`,
        [project],
      )
    ).rows as [{ id: string; n: number }];
    const { rows } = await client.query(
      `WITH head AS (SELECT id FROM "LabelingItem" WHERE "projectId" = $1 ORDER BY seq LIMIT $2),
       done AS (
         INSERT INTO "LabelingAnnotation" (id, "projectId", "itemId", "userId", state, result, "submittedAt")
         SELECT 'bench-' || head.id, $1, head.id, 'bench-filler', 'accepted', '{"boxes": []}', now() FROM head
         RETURNING "itemId")
       UPDATE "LabelingItem" SET status = 'done', filled = 1 WHERE id IN (SELECT "itemId" FROM done) RETURNING id`,
      [id, Math.floor(n * share)],
    );
    return rows.length;
  } finally {
    await client.end();
  }
}

/**
 * Every labeler asks for an item and submits a box, again and again, for `seconds`, starting a new
 * item at most every `paceMs` (0: at once).
 */
async function load(
  api: TApi,
  workspaceId: string,
  project: string,
  tokens: string[],
  seconds: number,
  paceMs: number,
) {
  const next: number[] = [];
  const submit: number[] = [];
  const handed = new Set<string>();
  let duplicates = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    tokens.map(async (token, i) => {
      // Labelers start spread over one pace, as people do not click in step.
      await new Promise((r) => setTimeout(r, (paceMs * i) / tokens.length));
      while (performance.now() < deadline) {
        const itemStarted = performance.now();
        let started = itemStarted;
        const item = (await api("POST", `/workspaces/${workspaceId}/labeling/${project}/next`, token, {})) as TItem;
        next.push(performance.now() - started);
        if (!item) return;
        if (handed.has(item.id)) duplicates++;
        handed.add(item.id);
        started = performance.now();
        await api("POST", `/workspaces/${workspaceId}/labeling/${project}/submit`, token, {
          itemId: item.id,
          result: { boxes: [{ label: "thing", x: 1, y: 1, width: item.width / 2, height: item.height / 2 }] },
        });
        submit.push(performance.now() - started);
        const rest = paceMs - (performance.now() - itemStarted);
        if (rest > 0) await new Promise((r) => setTimeout(r, rest));
      }
    }),
  );
  return {
    next: summarise(next),
    submit: summarise(submit),
    labeled: handed.size,
    duplicates,
    perSecond: handed.size / seconds,
  };
}

async function main() {
  const studio = await startBenchStudio("labeling", 3250);
  const { api, token, workspaceId, url, home } = studio;
  const env = { HOME: home, CRUCIBLE_URL: url, CRUCIBLE_TOKEN: token, CRUCIBLE_WORKSPACE: "labeling" };
  try {
    const rows: string[][] = [];
    const people = await labelers(api, workspaceId, token, LABELERS);
    // The small project's head is half done, the large one's 90 %: each keeps enough items for every phase.
    for (const [name, count, done] of [
      ["small", BASELINE_IMAGES, 0.5],
      ["large", IMAGES, 0.9],
    ] as const) {
      const dir = path.join(home, `images-${name}`);
      writeImages(dir, count);
      let started = performance.now();
      await cli(["data", "create", "--name", `images-${name}`, "--path", dir], env);
      const uploadMs = performance.now() - started;
      started = performance.now();
      await api("POST", `/workspaces/${workspaceId}/labeling`, token, {
        name,
        taskType: "objectDetection",
        labels: [{ name: "thing" }],
        data: `images-${name}@latest`,
      });
      const createMs = performance.now() - started;
      const finished = await finishHead(studio.databaseUrl, name, done);
      started = performance.now();
      await api("GET", `/workspaces/${workspaceId}/labeling/${name}`, token);
      const countsMs = performance.now() - started;
      started = performance.now();
      await api("GET", `/workspaces/${workspaceId}/labeling/${name}/items?status=todo&limit=100`, token);
      const filterMs = performance.now() - started;
      const phases = [
        { phase: "1 labeler", result: await load(api, workspaceId, name, people.slice(0, 1), SECONDS / 3, 0) },
        { phase: `${LABELERS} at 1/s`, result: await load(api, workspaceId, name, people, SECONDS, 1000) },
        { phase: `${LABELERS} flat out`, result: await load(api, workspaceId, name, people, SECONDS / 3, 0) },
      ];
      console.log(
        `${name}: ${count} images uploaded in ${ms(uploadMs)}, project created in ${ms(createMs)}, ` +
          `${finished} marked done; counts ${ms(countsMs)}, filtered page ${ms(filterMs)}`,
      );
      for (const { phase, result } of phases) {
        rows.push([
          `${count} images`,
          phase,
          ms(result.next.p50),
          ms(result.next.p95),
          ms(result.submit.p50),
          ms(result.submit.p95),
          `${result.perSecond.toFixed(1)}/s`,
        ]);
        if (result.duplicates > 0) throw new Error(`${result.duplicates} items were handed to two people`);
      }
    }
    console.log(`\nLabeling queue (items labeled per second in the last column)`);
    const header = ["project", "load", "next p50", "next p95", "submit p50", "submit p95", "items"];
    for (const row of [header, ...rows]) console.log(row.map((c) => c.padEnd(14)).join(" "));
    const paced = rows.find((r) => r[0] === `${IMAGES} images` && r[1] === `${LABELERS} at 1/s`)!;
    console.log(
      `\nGoal: next item p95 ≤ 100 ms with ${IMAGES} images and ${LABELERS} labelers at 1 item/s: ${paced[3]} → ` +
        `${Number.parseFloat(paced[3]!) <= 100 ? "met" : "NOT met"}`,
    );
  } finally {
    await studio.stop();
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
