import { forgetAccess } from "../../database/access-cache";
import { AppError } from "../../errors";
import { db } from "../../db";

export async function revokeApiToken(userId: string, tokenId: string): Promise<void> {
  const { count } = await db().apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  forgetAccess();
  if (count === 0) throw new AppError("NOT_FOUND", "Token not found");
}
