import { db } from "../../db";

export async function listApiTokens(userId: string) {
  return db().apiToken.findMany({
    where: { userId, revokedAt: null },
    select: { id: true, name: true, prefix: true, expiresAt: true, lastUsedAt: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
}
