import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { getSiteSettings } from "./get-site-settings";
import type { TSiteSettings } from "./site-settings-input";

export async function updateSiteSettings(actor: TActor, changes: Partial<TSiteSettings>): Promise<TSiteSettings> {
  return db().$transaction(async (tx) => {
    const before = await getSiteSettings(tx);
    const after = { ...before, ...changes };
    await tx.siteSettings.upsert({ where: { id: 1 }, create: { id: 1, ...after }, update: after });
    await recordAuditEvent(tx, actor, {
      workspaceId: null,
      action: "site.settings.update",
      targetType: "site",
      details: { ...changes },
    });
    return after;
  });
}
