import { randomBytes } from "node:crypto";
import { db } from "../../db";
import { hashPassword } from "./password";

export type TAdminBootstrap = { email: string; password: string | null; isCreated: boolean };

/**
 * On an empty database, creates the first admin: from CRUCIBLE_ADMIN_EMAIL/PASSWORD when given,
 * else admin@crucible.local with a generated password that the caller prints once.
 */
export async function ensureAdmin(email?: string, password?: string): Promise<TAdminBootstrap> {
  if ((await db().user.count()) > 0) return { email: email ?? "", password: null, isCreated: false };
  const adminEmail = (email ?? "admin@crucible.local").toLowerCase();
  const adminPassword = password ?? randomBytes(12).toString("base64url");
  await db().user.create({
    data: { email: adminEmail, name: "Administrator", isAdmin: true, passwordHash: await hashPassword(adminPassword) },
  });
  return { email: adminEmail, password: password ? null : adminPassword, isCreated: true };
}
