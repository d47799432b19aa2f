import { db } from "../../db";

export async function checkHealth(): Promise<{ status: "ok" } | { status: "error"; message: string }> {
  try {
    await db().$queryRaw`SELECT 1`;
    return { status: "ok" };
  } catch (error) {
    return { status: "error", message: `database unreachable: ${(error as Error).message.split("\n")[0]}` };
  }
}
