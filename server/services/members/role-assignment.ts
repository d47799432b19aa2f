import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { AppError } from "../../errors";
import { BUILT_IN_ROLES, ROLE_LABELS, type BuiltInRole } from "../../rbac/roles";

/** A member gets a built-in role or a custom role of the workspace: exactly one. */
export const ZRoleAssignment = z
  .object({
    role: z.enum(BUILT_IN_ROLES).optional(),
    customRoleId: z.string().min(1).optional(),
  })
  .refine((v) => (v.role === undefined) !== (v.customRoleId === undefined), {
    message: "Give either role or customRoleId",
    path: ["role"],
  });
export type TRoleAssignment = z.infer<typeof ZRoleAssignment>;

export type TRoleColumns = { role: BuiltInRole | null; customRoleId: string | null; label: string };

/** Checks a custom role belongs to the workspace and returns the columns to store. */
export async function roleColumns(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  a: TRoleAssignment,
): Promise<TRoleColumns> {
  if (a.role) return { role: a.role, customRoleId: null, label: ROLE_LABELS[a.role] };
  const custom = await tx.customRole.findFirst({ where: { id: a.customRoleId, workspaceId } });
  if (!custom) throw new AppError("NOT_FOUND", "Custom role not found in this workspace");
  return { role: null, customRoleId: custom.id, label: custom.name };
}

/** Refuses a change that would leave the workspace with no Owner. */
export async function assertOwnerRemains(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  leavingUserId: string,
): Promise<void> {
  const others = await tx.membership.count({ where: { workspaceId, role: "Owner", userId: { not: leavingUserId } } });
  if (others === 0) throw new AppError("CONFLICT", "A workspace needs at least one Owner");
}
