import { db } from "../../db";

const pingDatabase = async (): Promise<void> => {
  await db().$queryRaw`SELECT 1`;
};

/**
 * Whether the studio can serve: its database answers. Anyone may ask, so a failure says which
 * part is down and nothing of the driver's words (host names, users), which go to the log.
 */
export async function checkHealth(
  ping = pingDatabase,
): Promise<{ status: "ok" } | { status: "error"; message: string }> {
  try {
    await ping();
    return { status: "ok" };
  } catch (error) {
    console.error("[health] the database does not answer:", (error as Error).message);
    return { status: "error", message: "database unreachable" };
  }
}
