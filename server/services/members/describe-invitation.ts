import { db } from "../../db";
import { findOpenInvitation } from "./find-open-invitation";

/** What the accept page shows before the person sets a password. */
export async function describeInvitation(token: string) {
  const invitation = await findOpenInvitation(db(), token);
  return {
    email: invitation.email,
    workspaceName: invitation.workspace.name,
    roleLabel: invitation.roleLabel,
    expiresAt: invitation.expiresAt,
  };
}
