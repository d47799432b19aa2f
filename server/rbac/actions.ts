import { z } from "zod";

// Every action a caller can be granted in a workspace (site actions are in site.ts), `resource:verb`, with the sentence the
// custom-role editor shows. Adding one here fails the type check until roles.ts decides who gets it.
export const ACTIONS = {
  "workspace:read": "View the workspace and its settings",
  "workspace:update": "Change the workspace's name and settings",
  "workspace:delete": "Delete the workspace",
  "member:read": "View members and roles",
  "member:manage": "Invite, remove and change the role of members; define custom roles",
  "audit:read": "Read the audit log",
  "experiment:read": "View experiments and runs",
  "experiment:write": "Create, rename, archive and restore experiments",
  "run:submit": "Create and submit runs",
  "run:update": "Edit, tag, archive and delete runs",
  "run:cancel": "Cancel queued and running runs",
  "run:logMetrics": "Write metrics, params and tags to runs",
  "artifact:write": "Upload run outputs, logs and snapshots",
  "data:read": "View datasets and datastores",
  "data:write": "Create and change datasets",
  "datastore:manage": "Register, change, test and remove datastores and choose the default one",
  "environment:read": "View environments",
  "environment:write": "Create environments and new versions",
  "compute:read": "View compute targets and the hosts shared with the workspace",
  "compute:manage": "Create and delete compute targets",
  "model:read": "View registered models",
  "model:write": "Register models and versions, change their descriptions, tags and aliases, archive versions",
  "model:delete": "Delete registered models and their versions",
  "endpoint:read": "View endpoints and deployments",
  "endpoint:write": "Create, update and delete endpoints and deployments, and set their traffic",
  "endpoint:keys": "Show and regenerate the keys of endpoints",
  "endpoint:invoke": "Score requests on endpoints that accept API tokens",
  "batchEndpoint:invoke":
    "Score data assets with batch endpoints; each invocation runs a job on the deployment's compute",
  "pipeline:read": "View pipelines",
  "pipeline:write": "Create and submit pipelines",
  "labeling:read": "View labeling projects",
  "labeling:write": "Create and manage labeling projects",
  "labeling:label": "Label the items handed or assigned to you in labeling projects",
  "labeling:review": "Accept or reject the labels others submitted in labeling projects",
} as const;

export type Action = keyof typeof ACTIONS;

export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];

export function isAction(value: string): value is Action {
  return Object.hasOwn(ACTIONS, value);
}

export const ZAction = z.enum(ACTION_NAMES as [Action, ...Action[]]);
