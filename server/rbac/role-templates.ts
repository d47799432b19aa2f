import type { Action } from "./actions";

export type TRoleTemplate = { name: string; description: string; actions: Action[] };

/**
 * Custom roles the role editor offers ready-made, for people who only label or only review:
 * they see labeling projects and the items handed to them, and nothing else of the workspace.
 */
export const ROLE_TEMPLATES: TRoleTemplate[] = [
  {
    name: "Labeler",
    description: "Labels the items handed or assigned to them in labeling projects",
    actions: ["workspace:read", "labeling:read", "labeling:label"],
  },
  {
    name: "Label reviewer",
    description: "Accepts or rejects submitted labels in labeling projects",
    actions: ["workspace:read", "labeling:read", "labeling:review"],
  },
];
