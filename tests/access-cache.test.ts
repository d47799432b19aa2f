import pg from "pg";
import { describe, expect, it } from "vitest";
import { accessForgetCount, isRememberingAccess } from "../server/database/access-cache";
import { changeMemberRole } from "../server/services/members/change-member-role";
import { removeMember } from "../server/services/members/remove-member";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { resolveApiToken } from "../server/services/tokens/resolve-api-token";
import { revokeApiToken } from "../server/services/tokens/revoke-api-token";
import { resolveWorkspaceAccess } from "../server/services/workspaces/resolve-workspace-access";
import { createUser, ownerWorkspace, workspaceWithRoles } from "./helpers/actors";
import { withOwnConnection } from "./helpers/own-connection";
import { waitFor } from "./helpers/wait-for";

/** A change no trigger hears (replication mode skips triggers): shows what is served from memory. */
const unheard = (sql: string, values: unknown[]) =>
  withOwnConnection(async (c) => {
    await c.query("SET session_replication_role = replica");
    await c.query(sql, values);
  });

/** Waits, polling often, until `probe` holds. */
const eventually = (what: string, probe: () => boolean | Promise<boolean>) =>
  waitFor(what, async () => probe(), 8000, 25);

async function rememberedToken(label: string) {
  const { user } = await ownerWorkspace(label);
  const created = await createApiToken(user.id, label);
  await resolveApiToken(created.token);
  await eventually("the listener connects", isRememberingAccess);
  expect(await resolveApiToken(created.token)).toMatchObject({ user: { id: user.id } });
  return { user, ...created };
}

/** Every access notice from any process, with the backend that sent it (other test files share the database). */
async function noticeLog() {
  const notices: number[] = [];
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  client.on("notification", (n) => notices.push(n.processId));
  await client.query("LISTEN crucible_access_changed");
  return { notices, close: () => client.end() };
}

describe("remembered tokens and roles", () => {
  it("serve from memory until another process's change is heard, a token's last use aside", async () => {
    const silent = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await silent.connect();
    // Replication mode skips triggers: a change no process hears shows what is served from memory.
    await silent.query("SET session_replication_role = replica");
    const log = await noticeLog();
    try {
      // Other test files' changes make this process forget too; then the check is taken again.
      let isServedFromMemory = false;
      for (let attempt = 0; attempt < 20 && !isServedFromMemory; attempt++) {
        const { token, id } = await rememberedToken("heard");
        const forgets = accessForgetCount();
        await silent.query(`UPDATE "ApiToken" SET "revokedAt" = now() WHERE "id" = $1`, [id]);
        const resolved = await resolveApiToken(token);
        if (accessForgetCount() === forgets) {
          expect(resolved).not.toBeNull();
          isServedFromMemory = true;
        }
      }
      expect(isServedFromMemory).toBe(true);

      const { token, id } = await rememberedToken("heard");
      const pid = await withOwnConnection(async (c) => {
        await c.query(`UPDATE "ApiToken" SET "lastUsedAt" = now() WHERE "id" = $1`, [id]);
        return (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      });
      const revoker = await withOwnConnection(async (c) => {
        await c.query(`UPDATE "ApiToken" SET "revokedAt" = now() WHERE "id" = $1`, [id]);
        return (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      });
      await eventually("the revocation is heard", async () => (await resolveApiToken(token)) === null);
      // Notices arrive in commit order: once the revocation's is in, the last-use update's would be.
      await eventually("the revocation's notice reaches the log", () => log.notices.includes(revoker));
      expect(log.notices).not.toContain(pid);
    } finally {
      await log.close();
      await silent.end();
    }
  });

  it("forget at once in the process that makes a change", async () => {
    const { user, token, id } = await rememberedToken("local");
    await revokeApiToken(user.id, id);
    expect(await resolveApiToken(token)).toBeNull();

    const owner = await createUser("owner");
    const { workspace, members } = await workspaceWithRoles(owner);
    expect((await resolveWorkspaceAccess(members.Reader.id, workspace.id))?.role.name).toBe("Reader");
    const actor = { userId: owner.id, email: owner.email };
    await changeMemberRole(actor, workspace.id, members.Reader.id, { role: "Contributor" });
    expect((await resolveWorkspaceAccess(members.Reader.id, workspace.id))?.role.name).toBe("Contributor");
    await removeMember(actor, workspace.id, members.Reader.id);
    expect(await resolveWorkspaceAccess(members.Reader.id, workspace.id)).toBeNull();
  });

  it("keep a token no longer than it is valid", async () => {
    const { user } = await ownerWorkspace("expiring");
    const { token, id } = await createApiToken(user.id, "expiring");
    await unheard(
      `UPDATE "ApiToken" SET "expiresAt" = (now() AT TIME ZONE 'UTC') + interval '1 second' WHERE "id" = $1`,
      [id],
    );
    await eventually("the listener connects", isRememberingAccess);
    expect(await resolveApiToken(token)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1200));
    expect(await resolveApiToken(token)).toBeNull();
  });

  it("are not remembered while the listener is down, and again once it is back", async () => {
    const { token, id } = await rememberedToken("reconnect");
    await withOwnConnection((c) =>
      c.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'crucible-listener' AND datname = current_database()`,
      ),
    );
    await eventually("the lost listener is noticed", () => !isRememberingAccess());
    await unheard(`UPDATE "ApiToken" SET "revokedAt" = now() WHERE "id" = $1`, [id]);
    expect(await resolveApiToken(token)).toBeNull();
    await eventually("the listener reconnects", isRememberingAccess);
  });
});
