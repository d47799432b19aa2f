import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import { hashPassword } from "./password";

/** Self sign-up, only when the operator turned it on; otherwise people join by invitation. */
export async function signUp(isAllowed: boolean, emailInput: string, name: string, password: string) {
  if (!isAllowed) throw new AppError("FORBIDDEN", "Self sign-up is turned off; ask an Owner for an invitation");
  const email = emailInput.trim().toLowerCase();
  try {
    const user = await db().user.create({ data: { email, name, passwordHash: await hashPassword(password) } });
    return { id: user.id, email: user.email, name: user.name };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "An account with this email already exists");
    throw error;
  }
}
