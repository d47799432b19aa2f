import { describe, expect, it } from "vitest";
import { ACTION_NAMES, ACTIONS } from "./actions";
import { can, resolveBuiltInRole, resolveCustomRole } from "./access";
import { BUILT_IN_ROLES, GRANTS } from "./roles";

describe("role table", () => {
  it("decides every action for every role", () => {
    for (const action of ACTION_NAMES) {
      expect(GRANTS, `no decision for ${action}`).toHaveProperty([action]);
      for (const role of GRANTS[action]) expect(BUILT_IN_ROLES).toContain(role);
    }
    expect(Object.keys(GRANTS).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it("gives the Owner everything", () => {
    const owner = resolveBuiltInRole("Owner");
    for (const action of ACTION_NAMES) expect(can(owner, action), action).toBe(true);
  });

  it("keeps role assignment, the audit log, datastores, endpoint keys and deleting the workspace for Owners", () => {
    const contributor = resolveBuiltInRole("Contributor");
    const granted = ACTION_NAMES.filter((a) => can(contributor, a));
    expect(ACTION_NAMES.filter((a) => !granted.includes(a)).sort()).toEqual([
      "audit:read",
      "datastore:manage",
      "endpoint:keys",
      "member:manage",
      "workspace:delete",
    ]);
  });

  it("lets Readers only read", () => {
    const reader = resolveBuiltInRole("Reader");
    for (const action of ACTION_NAMES) {
      const isRead = action.endsWith(":read") && action !== "audit:read";
      expect(can(reader, action), action).toBe(isRead);
    }
  });

  it("keeps compute, settings and members from Data Scientists", () => {
    const ds = resolveBuiltInRole("DataScientist");
    for (const action of [
      "compute:manage",
      "workspace:update",
      "workspace:delete",
      "member:manage",
      "audit:read",
    ] as const) {
      expect(can(ds, action), action).toBe(false);
    }
    expect(can(ds, "run:submit")).toBe(true);
    expect(can(ds, "compute:read")).toBe(true);
  });

  it("lets a Metrics Writer only write metrics, params and tags", () => {
    const writer = resolveBuiltInRole("MetricsWriter");
    expect(ACTION_NAMES.filter((a) => can(writer, a))).toEqual(["run:logMetrics"]);
  });

  it("ignores unknown actions in a stored custom role", () => {
    const role = resolveCustomRole("Auditor", ["audit:read", "made:up"]);
    expect([...role.actions]).toEqual(["audit:read"]);
  });
});
