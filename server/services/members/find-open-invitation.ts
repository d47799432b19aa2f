import type { Prisma } from "../../generated/prisma/client";
import { AppError } from "../../errors";
import { ROLE_LABELS } from "../../rbac/roles";
import { hashTokenSecret } from "../tokens/token-secret";

/** The invitation behind a link, when it can still be used; one message for every other case. */
export async function findOpenInvitation(tx: Prisma.TransactionClient, token: string) {
  const invitation = await tx.invitation.findUnique({
    where: { tokenHash: hashTokenSecret(token) },
    include: { workspace: true, customRole: true },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt.getTime() <= Date.now()) {
    throw new AppError("NOT_FOUND", "This invitation link is invalid, used or expired");
  }
  const roleLabel = invitation.role ? ROLE_LABELS[invitation.role] : (invitation.customRole?.name ?? "Custom role");
  return { ...invitation, roleLabel };
}
