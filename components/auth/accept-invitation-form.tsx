"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { NewAccountFields } from "./new-account-fields";
import { Notice } from "../ui/notice";
import { AuthCard } from "./auth-card";

export function AcceptInvitationForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invitation = useQuery(trpc.invitations.describe.queryOptions({ token }));
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: (result) => router.push(`/signin?email=${encodeURIComponent(result.email)}`),
    }),
  );
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");

  if (invitation.isPending) return <AuthCard title="Invitation">Loading…</AuthCard>;
  if (invitation.isError) {
    return (
      <AuthCard title="Invitation">
        <Notice tone="error">{errorMessage(invitation.error)}</Notice>
      </AuthCard>
    );
  }
  const { email, workspaceName, roleLabel } = invitation.data;
  return (
    <AuthCard title={`Join ${workspaceName}`}>
      <p className="mb-4 text-sm text-slate-600">
        You are invited as <strong>{roleLabel}</strong>. Create your account for <strong>{email}</strong>.
      </p>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          accept.mutate({ token, name, password });
        }}
      >
        <NewAccountFields name={name} password={password} onName={setName} onPassword={setPassword} />
        {accept.isError ? <Notice tone="error">{errorMessage(accept.error)}</Notice> : null}
        <Button type="submit" className="w-full justify-center" disabled={accept.isPending}>
          {accept.isPending ? "Creating account…" : "Create account and join"}
        </Button>
      </form>
    </AuthCard>
  );
}
