import "server-only";
import type { TRouteInstance } from "./routing-table";

// Azure's max_queue_wait_ms default: how long a request waits for a free instance before a 429.
export const MAX_QUEUE_WAIT_MS = 500;
const MAX_QUEUED = 1000;

const inFlight = new Map<string, number>();
const waiters = new Map<string, (() => void)[]>();

/**
 * The least busy instance with a free slot (at most `maxConcurrent` requests each), waiting up to
 * MAX_QUEUE_WAIT_MS for one; null when none frees up in time. The caller releases what it got.
 */
export async function acquireInstance(
  deploymentId: string,
  instances: readonly TRouteInstance[],
  maxConcurrent: number,
  exclude?: string,
): Promise<TRouteInstance | null> {
  const deadline = Date.now() + MAX_QUEUE_WAIT_MS;
  for (;;) {
    let best: TRouteInstance | null = null;
    let bestLoad = Infinity;
    for (const instance of instances) {
      if (instance.id === exclude) continue;
      const load = inFlight.get(instance.id) ?? 0;
      if (load < maxConcurrent && load < bestLoad) {
        best = instance;
        bestLoad = load;
      }
    }
    if (best) {
      inFlight.set(best.id, bestLoad + 1);
      return best;
    }
    const wait = deadline - Date.now();
    const queue = waiters.get(deploymentId) ?? [];
    if (wait <= 0 || queue.length >= MAX_QUEUED) return null;
    waiters.set(deploymentId, queue);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, wait);
      function done() {
        clearTimeout(timer);
        const index = queue.indexOf(done);
        if (index >= 0) queue.splice(index, 1);
        resolve();
      }
      queue.push(done);
    });
  }
}

export function releaseInstance(deploymentId: string, instanceId: string): void {
  const load = (inFlight.get(instanceId) ?? 1) - 1;
  if (load <= 0) inFlight.delete(instanceId);
  else inFlight.set(instanceId, load);
  waiters.get(deploymentId)?.[0]?.();
}
