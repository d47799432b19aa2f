import { db } from "../../db";
import { findDataVersion } from "../data/find-data-version";
import { dataProfileView } from "./data-profile-view";

/** A version's profile as far as it got, or null when none was requested. */
export async function findDataProfile(workspaceId: string, ref: string) {
  const { version } = await findDataVersion(workspaceId, ref);
  const profile = await db().dataProfile.findUnique({ where: { versionId: version.id } });
  return profile ? dataProfileView(profile) : null;
}
