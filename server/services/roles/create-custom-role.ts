import { recordAuditEvent, type TActor } from "../../audit/record-audit-event";
import { db } from "../../db";
import { AppError, isUniqueViolation } from "../../errors";
import type { Action } from "../../rbac/actions";
import { BUILT_IN_ROLES } from "../../rbac/roles";

export async function createCustomRole(
  actor: TActor,
  workspaceId: string,
  input: { name: string; description: string; actions: Action[] },
) {
  if ((BUILT_IN_ROLES as readonly string[]).includes(input.name.replace(/\s+/g, ""))) {
    throw new AppError("CONFLICT", `'${input.name}' is a built-in role`);
  }
  try {
    return await db().$transaction(async (tx) => {
      const role = await tx.customRole.create({
        data: { workspaceId, name: input.name, description: input.description, actions: [...new Set(input.actions)] },
      });
      await recordAuditEvent(tx, actor, {
        workspaceId,
        action: "role.create",
        targetType: "customRole",
        targetId: role.id,
        details: { name: role.name, actions: role.actions },
      });
      return {
        id: role.id,
        name: role.name,
        description: role.description,
        actions: role.actions as Action[],
        memberCount: 0,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `A role named '${input.name}' already exists`);
    throw error;
  }
}
