import { db } from "../../db";
import { datastoreView, WITH_COUNTS } from "./datastore-view";

export async function listDatastores(workspaceId: string) {
  const rows = await db().datastore.findMany({
    where: { workspaceId },
    include: WITH_COUNTS,
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
  });
  return rows.map(datastoreView);
}
