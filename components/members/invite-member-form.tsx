"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { decodeRole, RoleOptions, useRoleChoices } from "./role-options";

export function InviteMemberForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("role:Reader");
  const roles = useRoleChoices();
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: () => {
        setEmail("");
        void queryClient.invalidateQueries({ queryKey: [["members"]] });
        void queryClient.invalidateQueries({ queryKey: [["audit"]] });
      },
    }),
  );
  if (!roles.data) return <p className="text-sm text-slate-500">Loading roles…</p>;
  return (
    <div className="space-y-3">
      <form
        className="grid items-end gap-3 sm:grid-cols-[1fr_12rem_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          invite.mutate({ workspaceId, email, ...decodeRole(role) });
        }}
      >
        <TextField
          label="Email"
          name="invite-email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <SelectField label="Role" name="invite-role" value={role} onChange={(e) => setRole(e.target.value)}>
          <RoleOptions />
        </SelectField>
        <Button type="submit" disabled={invite.isPending}>
          Invite
        </Button>
      </form>
      {invite.isError ? <Notice tone="error">{errorMessage(invite.error)}</Notice> : null}
      {invite.data?.status === "added" ? (
        <Notice tone="success">
          {invite.data.email} already had an account and was added as {invite.data.roleLabel}.
        </Notice>
      ) : null}
      {invite.data?.status === "invited" && invite.data.inviteUrl ? (
        <Notice tone="success">
          Send this link to {invite.data.email}; it works once and expires{" "}
          {invite.data.expiresAt ? new Date(invite.data.expiresAt).toLocaleDateString() : ""}:
          <input
            readOnly
            aria-label="Invitation link"
            data-testid="invite-link"
            value={invite.data.inviteUrl}
            onFocus={(e) => e.currentTarget.select()}
            className="mt-2 block w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs"
          />
        </Notice>
      ) : null}
    </div>
  );
}
