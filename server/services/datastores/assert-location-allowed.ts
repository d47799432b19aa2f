import { isIP } from "node:net";
import { isLoopbackAddress } from "../../docker/docker-endpoint";
import { AppError } from "../../errors";
import { defaultLocalFolder } from "../../storage/datastore-store";

export type TDatastoreActor = { userId: string; email: string; isAdmin: boolean };

/** 169.254.0.0/16 and fe80::/10, where clouds answer metadata requests with the machine's own credentials. */
function isLinkLocal(host: string): boolean {
  if (isIP(host) === 4) return host.startsWith("169.254.");
  return isIP(host) === 6 && /^fe[89ab]/i.test(host);
}

/**
 * Where a datastore points is reached by the studio itself: a folder is a path on its machine,
 * and an endpoint on loopback or link-local addresses is the machine's own services. Only a site
 * admin may choose those (a folder other than the default one, or such an endpoint).
 */
export function assertLocationAllowed(
  actor: TDatastoreActor,
  location: { folder?: string | null; endpoint?: string },
): void {
  if (actor.isAdmin) return;
  if (location.folder && location.folder !== defaultLocalFolder())
    throw new AppError("FORBIDDEN", "Only a site administrator may point a local datastore at another folder");
  if (location.endpoint) {
    const host = new URL(location.endpoint).hostname.replace(/^\[|\]$/g, "");
    if (host === "localhost" || isLoopbackAddress(host) || isLinkLocal(host))
      throw new AppError("FORBIDDEN", "Only a site administrator may use an endpoint on this machine's own addresses");
  }
}
