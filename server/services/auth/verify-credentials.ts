import { AppError } from "../../errors";
import { db } from "../../db";
import { verifyPassword } from "./password";
import { isSignInBlocked, recordSignInAttempt } from "./sign-in-rate-limit";

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
  const isValid = Boolean(user?.passwordHash && !user.disabledAt && (await verifyPassword(user.passwordHash, password)));
  await recordSignInAttempt(email, ip, isValid);
  if (!user || !isValid) throw new AppError("UNAUTHORIZED", "Invalid email or password");
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
}
