import { db } from "../../db";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

/** True when recent failed sign-ins for this email or address are past the limit. */
export async function isSignInBlocked(email: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    db().signInAttempt.count({ where: { email, isSucceeded: false, createdAt: { gte: since } } }),
    db().signInAttempt.count({ where: { ip, isSucceeded: false, createdAt: { gte: since } } }),
  ]);
  return byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP;
}

export async function recordSignInAttempt(email: string, ip: string, isSucceeded: boolean): Promise<void> {
  await db().signInAttempt.create({ data: { email, ip, isSucceeded } });
}
