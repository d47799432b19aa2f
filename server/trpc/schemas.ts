import { z } from "zod";

export const ZEmail = z.string().trim().toLowerCase().email();
// Long passphrases are welcome; the upper bound only keeps hashing cheap.
export const ZPassword = z.string().min(8, "Use at least 8 characters").max(256);
export const ZPersonName = z.string().trim().min(1).max(100);
export const ZTokenName = z.string().trim().min(1).max(100);
export const ZExpiresInDays = z.number().int().min(1).max(3650).optional();

/** The one answer of a change that has nothing else to say. */
export const ZDone = z.object({ ok: z.literal(true) });
export const DONE = { ok: true } as const;
