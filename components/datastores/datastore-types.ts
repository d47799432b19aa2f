import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

export type TDatastoreRow = inferRouterOutputs<AppRouter>["datastores"]["list"][number];

/** Where a datastore's bytes are, in one line: the bucket and prefix on its endpoint, or the folder. */
export function datastoreTarget(d: TDatastoreRow): string {
  if (d.type === "s3") return `${d.endpoint ?? ""} › ${d.bucket ?? ""}${d.prefix ? `/${d.prefix}` : ""}`;
  return d.folder ?? "The studio's artifact folder";
}
