"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";

export function TokensPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.tokens.list.queryOptions());
  const [name, setName] = useState("");
  const [days, setDays] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: () => {
        setName("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.tokens.revoke.mutationOptions({ onSettled: refresh }));

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <Section
        title="Create a token"
        description="For the SDK, the CLI and the REST API: send it as `Authorization: Bearer <token>`. It acts with your roles."
      >
        <form
          className="grid items-end gap-3 sm:grid-cols-[1fr_10rem_auto]"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name, expiresInDays: days ? Number(days) : undefined });
          }}
        >
          <TextField
            label="Token name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            placeholder="laptop"
          />
          <TextField
            label="Expires in days"
            type="number"
            min={1}
            max={3650}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            placeholder="never"
          />
          <Button type="submit" disabled={create.isPending}>
            Create token
          </Button>
        </form>
        <div className="mt-3 space-y-2">
          {create.isError ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
          {create.data ? (
            <Notice tone="success">
              Copy the token now; it is not shown again.
              <input
                readOnly
                aria-label="New token"
                data-testid="new-token"
                value={create.data.token}
                onFocus={(e) => e.currentTarget.select()}
                className="mt-2 block w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs"
              />
            </Notice>
          ) : null}
        </div>
      </Section>
      <Section title="Your tokens">
        {!tokens.data?.length ? (
          <p className="text-sm text-slate-500">No tokens.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 font-medium">Name</th>
                <th className="py-1 font-medium">Starts with</th>
                <th className="py-1 font-medium">Created</th>
                <th className="py-1 font-medium">Expires</th>
                <th className="py-1 font-medium">Last used</th>
                <th />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.data.map((t) => (
                <tr key={t.id}>
                  <td className="py-1.5 font-medium">{t.name}</td>
                  <td className="py-1.5 font-mono text-xs">{t.prefix}…</td>
                  <td className="py-1.5 text-slate-600">{new Date(t.createdAt).toLocaleDateString()}</td>
                  <td className="py-1.5 text-slate-600">
                    {t.expiresAt ? new Date(t.expiresAt).toLocaleDateString() : "never"}
                  </td>
                  <td className="py-1.5 text-slate-600">
                    {t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : "never"}
                  </td>
                  <td className="py-1.5 text-right">
                    <Button
                      variant="danger"
                      aria-label={`Revoke token ${t.name}`}
                      onClick={() => revoke.mutate({ tokenId: t.id })}
                    >
                      Revoke
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
