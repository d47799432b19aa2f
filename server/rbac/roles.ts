import type { Action } from "./actions";

export const BUILT_IN_ROLES = ["Owner", "Contributor", "Reader", "DataScientist", "MetricsWriter"] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

export const ROLE_LABELS: Record<BuiltInRole, string> = {
  Owner: "Owner",
  Contributor: "Contributor",
  Reader: "Reader",
  DataScientist: "Data Scientist",
  MetricsWriter: "Metrics Writer",
};

const O = "Owner",
  C = "Contributor",
  R = "Reader",
  D = "DataScientist",
  M = "MetricsWriter";

/**
 * Who may do what: every action names each built-in role that gets it, so a new action cannot
 * be added without a decision (the `satisfies` below and rbac tests both check).
 * Contributor: everything but role assignments, the audit log, datastores and deleting the workspace (the Owner's).
 * Data Scientist: everything but compute management, datastores, workspace settings and members.
 * Metrics Writer: what a training job's token needs, nothing more.
 */
export const GRANTS = {
  "workspace:read": [O, C, R, D],
  "workspace:update": [O, C],
  "workspace:delete": [O],
  "member:read": [O, C, R, D],
  "member:manage": [O],
  "audit:read": [O],
  "experiment:read": [O, C, R, D],
  "experiment:write": [O, C, D],
  "run:submit": [O, C, D],
  "run:update": [O, C, D],
  "run:cancel": [O, C, D],
  "run:logMetrics": [O, C, D, M],
  "artifact:write": [O, C, D],
  "data:read": [O, C, R, D],
  "data:write": [O, C, D],
  // Where every run's files go, with the credentials to reach it: the Owner's decision.
  "datastore:manage": [O],
  "environment:read": [O, C, R, D],
  "environment:write": [O, C, D],
  "compute:read": [O, C, R, D],
  "compute:manage": [O, C],
  "model:read": [O, C, R, D],
  "model:write": [O, C, D],
  "model:delete": [O, C],
  "endpoint:read": [O, C, R, D],
  "endpoint:write": [O, C, D],
  // A key lets anyone holding it score; who may read or rotate them is the Owner's decision.
  "endpoint:keys": [O],
  "endpoint:invoke": [O, C, D],
  "batchEndpoint:invoke": [O, C, D],
  "pipeline:read": [O, C, R, D],
  "pipeline:write": [O, C, D],
  "labeling:read": [O, C, R, D],
  "labeling:write": [O, C, D],
  "labeling:label": [O, C, D],
  "labeling:review": [O, C, D],
} as const satisfies Record<Action, readonly BuiltInRole[]>;

export function builtInRoleActions(role: BuiltInRole): Action[] {
  return (Object.keys(GRANTS) as Action[]).filter((a) => (GRANTS[a] as readonly BuiltInRole[]).includes(role));
}
