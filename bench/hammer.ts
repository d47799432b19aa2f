import { summarise } from "./stats";

export type TPoint = { key: string; value: number; step: number };

/**
 * One client per run, each logging `batchSize`-point batches back to back until `seconds` have
 * passed; `send` makes the call. Resolves with the latency percentiles and the points per second.
 */
export async function hammer(
  runs: string[],
  batchSize: number,
  seconds: number,
  send: (runId: string, metrics: TPoint[]) => Promise<unknown>,
) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let points = 0;
  const started = performance.now();
  await Promise.all(
    runs.map(async (runId, client) => {
      let step = 0;
      while (performance.now() < deadline) {
        const metrics = Array.from({ length: batchSize }, () => ({
          key: `m${client % 3}`,
          value: Math.random(),
          step: step++,
        }));
        const t0 = performance.now();
        await send(runId, metrics);
        latencies.push(performance.now() - t0);
        points += batchSize;
      }
    }),
  );
  return { ...summarise(latencies), pointsPerSecond: points / ((performance.now() - started) / 1000) };
}
