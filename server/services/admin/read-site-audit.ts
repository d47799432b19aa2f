import { listAuditEvents } from "../../audit/list-audit-events";
import { db } from "../../db";
import { AppError } from "../../errors";

/**
 * The site's own events (workspaceId null), or the log a deleted workspace left behind. A live
 * workspace's log is its Owners' to read, on its Members page.
 */
export async function readSiteAudit(workspaceId: string | null, limit: number, cursor?: string) {
  if (workspaceId !== null) {
    const [live, events] = await Promise.all([
      db().workspace.count({ where: { id: workspaceId } }),
      db().auditEvent.count({ where: { workspaceId } }),
    ]);
    if (live > 0 || events === 0) throw new AppError("NOT_FOUND", "No deleted workspace with that id");
  }
  return listAuditEvents(workspaceId, limit, cursor);
}
