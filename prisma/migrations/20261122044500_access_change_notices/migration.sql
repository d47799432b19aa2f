-- Hand-written: every change that can take access away (or rename what it names) notifies the
-- studio processes, which forget the tokens and workspace roles they remember
-- (server/database/access-cache.ts). A token's last-use time is the one column left out: it is
-- written as tokens are used.
CREATE FUNCTION "crucible_notify_access_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('crucible_access_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER "ApiToken_access_changed" AFTER INSERT OR DELETE OR TRUNCATE ON "ApiToken"
  FOR EACH STATEMENT EXECUTE FUNCTION "crucible_notify_access_changed"();
CREATE TRIGGER "ApiToken_access_updated"
  AFTER UPDATE OF "id", "userId", "tokenHash", "expiresAt", "revokedAt", "workspaceId", "runId", "scopeRole" ON "ApiToken"
  FOR EACH STATEMENT EXECUTE FUNCTION "crucible_notify_access_changed"();
CREATE TRIGGER "User_access_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "crucible_notify_access_changed"();
CREATE TRIGGER "Membership_access_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Membership"
  FOR EACH STATEMENT EXECUTE FUNCTION "crucible_notify_access_changed"();
CREATE TRIGGER "CustomRole_access_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CustomRole"
  FOR EACH STATEMENT EXECUTE FUNCTION "crucible_notify_access_changed"();
CREATE TRIGGER "Workspace_access_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Workspace"
  FOR EACH STATEMENT EXECUTE FUNCTION "crucible_notify_access_changed"();
