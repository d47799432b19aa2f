import { db } from "../../db";
import { AppError } from "../../errors";
import { newTokenSecret } from "./token-secret";

export type TCreatedApiToken = {
  id: string;
  name: string;
  prefix: string;
  expiresAt: Date | null;
  createdAt: Date;
  token: string;
};

/** Set when the token is made by a caller who is itself a token: when that one expires (null: never). */
export type TParentToken = { expiresAt: Date | null };

/**
 * The token itself is returned once; only its hash is stored. A token made with a token expires
 * no later than its parent, and always expires: a leaked short-lived token must not buy a
 * permanent one.
 */
export async function createApiToken(
  userId: string,
  name: string,
  expiresInDays?: number,
  parent?: TParentToken,
): Promise<TCreatedApiToken> {
  let expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  if (parent?.expiresAt && (expiresAt === null || parent.expiresAt < expiresAt)) expiresAt = parent.expiresAt;
  if (parent && expiresAt === null) {
    throw new AppError(
      "BAD_REQUEST",
      "expiresInDays: a token created with a token that never expires must be given an expiry",
    );
  }
  const secret = newTokenSecret("cru");
  const row = await db().apiToken.create({
    data: { userId, name, prefix: secret.prefix, tokenHash: secret.hash, expiresAt },
  });
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    token: secret.token,
  };
}
