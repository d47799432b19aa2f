import { AppError } from "../../errors";
import { defaultLocalFolder } from "../../storage/datastore-store";

export type TDatastoreActor = { userId: string; email: string; isAdmin: boolean };

/** A folder is a path on the studio's machine: only a site admin may choose one other than the default. */
export function assertFolderAllowed(actor: TDatastoreActor, folder: string | null | undefined): void {
  if (!folder || folder === defaultLocalFolder() || actor.isAdmin) return;
  throw new AppError("FORBIDDEN", "Only a site administrator may point a local datastore at another folder");
}
