import type { Prisma } from "../../generated/prisma/client";
import { db } from "../../db";
import { SITE_SETTINGS_DEFAULTS, type TSiteSettings } from "./site-settings-input";

/** The site's settings; the defaults until an admin saves them. */
export async function getSiteSettings(tx: Prisma.TransactionClient = db()): Promise<TSiteSettings> {
  const row = await tx.siteSettings.findUnique({ where: { id: 1 } });
  return row
    ? { allowPlainTcpLoopback: row.allowPlainTcpLoopback, buildTimeoutS: row.buildTimeoutS }
    : { ...SITE_SETTINGS_DEFAULTS };
}
