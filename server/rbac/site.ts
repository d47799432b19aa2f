import { AppError } from "../errors";

// Site actions: what only a site administrator (User.isAdmin) may do, whatever their roles in
// workspaces. Hosts are infrastructure: who registers them decides what every job can reach.
export const SITE_ACTIONS = {
  "site:users": "List users and grant or revoke the administrator flag",
  "site:hosts": "Register, change, test, share and delete Docker hosts",
  "site:settings": "Change site settings",
  "site:audit": "Read site events and the audit log of deleted workspaces",
  "site:storage": "Point a datastore at the studio machine's own folders or loopback and link-local addresses",
} as const;

export type SiteAction = keyof typeof SITE_ACTIONS;

export const SITE_ACTION_NAMES = Object.keys(SITE_ACTIONS) as SiteAction[];

/** The parts of a caller the site check reads; `scope` is set for run-scoped tokens. */
export type TSiteCaller = { isAdmin: boolean; scope: unknown };

/** Admins get every site action; a run-scoped token never does, whoever its user is. */
export function canSite(caller: TSiteCaller, _action: SiteAction): boolean {
  return caller.isAdmin && !caller.scope;
}

export function assertCanSite(caller: TSiteCaller, action: SiteAction): void {
  if (caller.scope) throw new AppError("FORBIDDEN", "A run-scoped token acts only on its run");
  if (!canSite(caller, action))
    throw new AppError("FORBIDDEN", `Missing permission: ${action} (site administrators only)`);
}
