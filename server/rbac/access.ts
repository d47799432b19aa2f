import { AppError } from "../errors";
import { ACTION_NAMES, isAction, type Action } from "./actions";
import { BUILT_IN_ROLES, builtInRoleActions, ROLE_LABELS, type BuiltInRole } from "./roles";

/** The role a member acts with, reduced to what the checks need. */
export type TResolvedRole = { name: string; builtIn: BuiltInRole | null; actions: ReadonlySet<Action> };

export function resolveBuiltInRole(role: BuiltInRole): TResolvedRole {
  return { name: ROLE_LABELS[role], builtIn: role, actions: new Set(builtInRoleActions(role)) };
}

/** Unknown action names in a stored custom role (say, one since removed) grant nothing. */
export function resolveCustomRole(name: string, actions: readonly string[]): TResolvedRole {
  return { name, builtIn: null, actions: new Set(actions.filter(isAction)) };
}

export function can(role: TResolvedRole, action: Action): boolean {
  return role.actions.has(action);
}

/** FORBIDDEN "Missing permission: <action>", which every API layer turns into its own answer. */
export function assertCan(role: TResolvedRole, action: Action): void {
  if (!can(role, action)) throw new AppError("FORBIDDEN", `Missing permission: ${action}`);
}

export function isBuiltInRole(value: string): value is BuiltInRole {
  return (BUILT_IN_ROLES as readonly string[]).includes(value);
}

/** Actions in the fixed order of ACTIONS, for stable API output. */
export function listActions(role: TResolvedRole): Action[] {
  return ACTION_NAMES.filter((a) => role.actions.has(a));
}
