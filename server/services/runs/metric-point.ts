import { z } from "zod";
import { AppError } from "../../errors";

/** The latest instant a Date can hold (year 275760); PostgreSQL's timestamps reach further. */
export const MAX_EPOCH_MS = 8_640_000_000_000_000;

// Steps and timestamps are int64 columns, but JSON numbers are exact only to 2^53, which zod's
// int() holds to: a step past it is refused, never rounded.
export const ZStep = z.number().int();
/** Milliseconds since the epoch, as MLflow clients send times. */
export const ZEpochMs = z.number().int().min(0).max(MAX_EPOCH_MS);
/** An instant the studio can store: from 1970 to the last a Date can hold. */
export const ZInstant = z.coerce.date().min(new Date(0)).max(new Date(MAX_EPOCH_MS));

/**
 * Every point's step and timestamp is an integer PostgreSQL's bigint takes, checked once more
 * for callers that build batches themselves (the worker reads them from a job's metrics file).
 */
export function checkMetricPoints(metrics: readonly { step: number; timestamp: number }[]): void {
  for (let i = 0; i < metrics.length; i++) {
    const { step, timestamp } = metrics[i]!;
    if (!Number.isSafeInteger(step))
      throw new AppError(
        "BAD_REQUEST",
        `Invalid input: metrics.${i}.step: ${step} is not an integer between -2^53 and 2^53`,
      );
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      throw new AppError(
        "BAD_REQUEST",
        `Invalid input: metrics.${i}.timestamp: ${timestamp} is not a time in milliseconds since 1970`,
      );
    }
  }
}
