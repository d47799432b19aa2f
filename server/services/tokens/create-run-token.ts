import { forgetAccess } from "../../database/access-cache";
import { db } from "../../db";
import { newTokenSecret } from "./token-secret";

const RUN_TOKEN_GRACE_S = 3600;

/**
 * The token a job's container logs with: Metrics Writer on its own run only, expiring after the
 * run's time limit (or a week) and revoked as soon as the run ends.
 */
export async function createRunToken(
  userId: string,
  workspaceId: string,
  runId: string,
  timeoutS: number | null,
): Promise<string> {
  const secret = newTokenSecret("crr");
  await db().apiToken.create({
    data: {
      userId,
      name: `run ${runId}`,
      prefix: secret.prefix,
      tokenHash: secret.hash,
      workspaceId,
      runId,
      scopeRole: "MetricsWriter",
      expiresAt: new Date(Date.now() + ((timeoutS ?? 7 * 86_400) + RUN_TOKEN_GRACE_S) * 1000),
    },
  });
  return secret.token;
}

export async function revokeRunTokens(runId: string): Promise<void> {
  await db().apiToken.updateMany({ where: { runId, revokedAt: null }, data: { revokedAt: new Date() } });
  forgetAccess();
}
