// Every action the audit log records: a closed list, so a typo is a type error and the admin
// page can describe each one.
export const AUDIT_ACTIONS = [
  "workspace.create",
  "workspace.update",
  "workspace.delete",
  "member.invite",
  "member.revokeInvitation",
  "member.acceptInvitation",
  "member.add",
  "member.changeRole",
  "member.remove",
  "role.create",
  "role.delete",
  "environment.version.create",
  "compute.target.create",
  "compute.target.delete",
  "compute.host.register",
  "compute.host.update",
  "compute.host.delete",
  "compute.host.share",
  "compute.host.unshare",
  "job.submit",
  "run.cancel",
  "run.purge",
  "experiment.purge",
  "site.admin.grant",
  "site.admin.revoke",
  "site.settings.update",
] as const;

export type TAuditAction = (typeof AUDIT_ACTIONS)[number];
