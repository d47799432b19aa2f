import "server-only";
import { AppError } from "../errors";

// Each open log stream holds a LISTEN subscription and reads the database on every notice.
export const MAX_STREAMS_PER_USER = 20;

const open = new Map<string, number>();

/** Takes one of a user's log-stream slots in this process (429 when none is left); call the result to give it back, once. */
export function takeStreamSlot(userId: string): () => void {
  const count = open.get(userId) ?? 0;
  if (count >= MAX_STREAMS_PER_USER)
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `At most ${MAX_STREAMS_PER_USER} log streams at once per user; close some first`,
    );
  open.set(userId, count + 1);
  let isReleased = false;
  return () => {
    if (isReleased) return;
    isReleased = true;
    const left = (open.get(userId) ?? 1) - 1;
    if (left > 0) open.set(userId, left);
    else open.delete(userId);
  };
}
