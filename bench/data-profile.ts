// A data profile against the plain read it cannot avoid: a 1,000,000-row CSV streamed from the
// datastore through csv-parse doing nothing else, then the same file profiled as the worker does
// it (readTableRows into TableProfiler). Goal: the profile takes at most 3× the raw read.
// Usage: npm run bench:data-profile  (BENCH_ROWS to change the size)
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CATEGORIES = ["cat", "dog", "bird", "fish", "horse", "mouse", "snake", "frog", "lion", "bear"];

/** Deterministic rows: ids, two kinds of floats, a small integer, a few categories, many names, dates. */
async function writeCsv(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  let seed = 42;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  out.write("id,x,y,count,category,name,day\n");
  let chunk = "";
  for (let i = 0; i < ROWS; i++) {
    const normal = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    const x = random() < 0.02 ? "" : (normal * 10 + 50).toFixed(4);
    const day = `2024-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    chunk += `${i},${x},${(random() * 1000).toFixed(2)},${Math.floor(random() * 50)},${CATEGORIES[i % 10]},user-${Math.floor(random() * 200_000)},${day}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

async function main() {
  const home = await fsp.mkdtemp(path.join(os.tmpdir(), "crucible-bench-profile-"));
  process.env.CRUCIBLE_HOME = home;
  // Imported after CRUCIBLE_HOME is set: the datastore lives under it.
  const { parse } = await import("csv-parse");
  const { datastoreNamed } = await import("../server/storage/datastore-store");
  const { readTableRows } = await import("../server/services/data/read-table-rows");
  const { inferCsvSchema } = await import("../server/services/data/table-schema");
  const { TableProfiler } = await import("../server/services/data-profile/table-profiler");
  try {
    const local = path.join(home, "bench.csv");
    await writeCsv(local);
    const size = (await fsp.stat(local)).size;
    const workspaceId = "bench";
    const store = await datastoreNamed(workspaceId, "workspaceblobstore");
    await store.write(`${workspaceId}/profile/bench.csv`, fs.createReadStream(local));
    const columns = await inferCsvSchema(local);
    const source = {
      version: { id: "bench", referencePath: "profile", datastoreName: "workspaceblobstore" },
      format: "csv" as const,
      delimiter: ",",
      files: [{ path: "bench.csv", size, sha256: "" }],
      columns,
      take: null,
    };
    console.log(
      `${ROWS.toLocaleString("en")} rows, ${(size / 2 ** 20).toFixed(1)} MiB, columns ${columns.map((c) => `${c.name}:${c.type}`).join(" ")}`,
    );

    const rawRead = async () => {
      const object = (await store.read(`${workspaceId}/profile/bench.csv`))!;
      let rows = 0;
      const parser = object.stream.pipe(
        parse({ delimiter: ",", bom: true, relax_column_count: true, skip_empty_lines: true }),
      );
      for await (const _record of parser) rows++;
      return rows - 1;
    };
    const profile = async () => {
      const profiler = new TableProfiler(columns);
      await readTableRows(workspaceId, source, (row) => profiler.add(row));
      return profiler.result();
    };
    const time = async <T>(fn: () => Promise<T>) => {
      const t0 = performance.now();
      const value = await fn();
      return { ms: performance.now() - t0, value };
    };

    await rawRead(); // warm-up: the file in the page cache, the parser compiled
    const raws: number[] = [];
    const profiles: number[] = [];
    let last = null;
    for (let i = 0; i < 3; i++) {
      const raw = await time(rawRead);
      if (raw.value !== ROWS) throw new Error(`raw read saw ${raw.value} rows`);
      raws.push(raw.ms);
      const profiled = await time(profile);
      if (profiled.value.rowCount !== ROWS) throw new Error(`profile saw ${profiled.value.rowCount} rows`);
      profiles.push(profiled.ms);
      last = profiled.value;
    }
    const raw = Math.min(...raws);
    const prof = Math.min(...profiles);
    const ratio = prof / raw;
    console.log(`raw read (csv-parse only), best of 3: ${(raw / 1000).toFixed(2)} s`);
    console.log(`profile (read + statistics), best of 3: ${(prof / 1000).toFixed(2)} s`);
    console.log(`ratio: ${ratio.toFixed(2)}× (goal ≤ 3×: ${ratio <= 3 ? "met" : "not met"})`);
    const x = last!.columns.find((c) => c.name === "x")!;
    console.log(
      `check: x missing ${x.missing}, mean ${x.numeric!.mean.toFixed(3)}, p50 ${x.numeric!.quantiles.p50.toFixed(3)} (sketch: ${!x.numeric!.isExactQuantiles}); name distinct ≈ ${last!.columns.find((c) => c.name === "name")!.distinct.value}`,
    );
  } finally {
    await fsp.rm(home, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
