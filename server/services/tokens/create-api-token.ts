import { db } from "../../db";
import { newTokenSecret } from "./token-secret";

export type TCreatedApiToken = { id: string; name: string; prefix: string; expiresAt: Date | null; createdAt: Date; token: string };

/** The token itself is returned once; only its hash is stored. */
export async function createApiToken(userId: string, name: string, expiresInDays?: number): Promise<TCreatedApiToken> {
  const secret = newTokenSecret("cru");
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  const row = await db().apiToken.create({
    data: { userId, name, prefix: secret.prefix, tokenHash: secret.hash, expiresAt },
  });
  return { id: row.id, name: row.name, prefix: row.prefix, expiresAt: row.expiresAt, createdAt: row.createdAt, token: secret.token };
}
