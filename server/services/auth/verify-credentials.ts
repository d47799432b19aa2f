import { randomBytes } from "node:crypto";
import { AppError } from "../../errors";
import { db } from "../../db";
import { hashPassword, verifyPassword } from "./password";
import { isSignInBlocked, recordSignInAttempt } from "./sign-in-rate-limit";

let nothingHash: Promise<string> | undefined;

/** The hash of a password nobody knows, to verify against when there is no account. */
function hashOfNothing(): Promise<string> {
  nothingHash ??= hashPassword(randomBytes(32).toString("base64url"));
  return nothingHash;
}

export type TVerifiedUser = { id: string; email: string; name: string; isAdmin: boolean };

/**
 * Checks an email and password, counting failures so guessing is cut off after a few tries.
 * Throws UNAUTHORIZED with one message for every kind of failure, so it reveals nothing.
 */
export async function verifyCredentials(emailInput: string, password: string, ip: string): Promise<TVerifiedUser> {
  const email = emailInput.trim().toLowerCase();
  if (await isSignInBlocked(email, ip)) {
    throw new AppError("TOO_MANY_REQUESTS", "Too many failed sign-ins; try again in a few minutes");
  }
  const user = await db().user.findUnique({ where: { email } });
  const usableHash = user && !user.disabledAt ? user.passwordHash : null;
  // A password is verified either way, so an unknown email takes as long as a known one.
  const isMatch = await verifyPassword(usableHash ?? (await hashOfNothing()), password);
  const isValid = usableHash !== null && isMatch;
  await recordSignInAttempt(email, ip, isValid);
  if (!user || !isValid) throw new AppError("UNAUTHORIZED", "Invalid email or password");
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
}
