"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";

type TSettings = { allowPlainTcpLoopback: boolean; buildTimeoutS: number };

export function SettingsSection() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.admin.settings.queryOptions());
  return (
    <Section title="Site settings">
      {settings.data ? <SettingsForm initial={settings.data} /> : <p className="text-sm text-slate-500">Loading…</p>}
    </Section>
  );
}

function SettingsForm({ initial }: { initial: TSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [allowPlainTcpLoopback, setAllowPlainTcpLoopback] = useState(initial.allowPlainTcpLoopback);
  const [buildTimeoutS, setBuildTimeoutS] = useState(String(initial.buildTimeoutS));
  const save = useMutation(
    trpc.admin.updateSettings.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.admin.pathFilter()),
    }),
  );
  return (
    <form
      className="grid gap-3 md:grid-cols-2"
      onSubmit={(e) => (
        e.preventDefault(),
        save.mutate({ allowPlainTcpLoopback, buildTimeoutS: Number(buildTimeoutS) })
      )}
    >
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          checked={allowPlainTcpLoopback}
          onChange={(e) => setAllowPlainTcpLoopback(e.target.checked)}
        />
        <span>
          <span className="font-medium text-slate-700">Allow plain tcp:// on loopback</span>
          <span className="block text-xs text-slate-500">
            Engines on 127.0.0.0/8 or ::1 without TLS (a local test engine). Other tcp:// endpoints always need TLS.
          </span>
        </span>
      </label>
      <TextField
        label="Image build timeout (seconds)"
        type="number"
        min={60}
        max={86400}
        value={buildTimeoutS}
        onChange={(e) => setBuildTimeoutS(e.target.value)}
        hint="An environment build that runs longer is stopped and its run fails"
      />
      <div className="md:col-span-2 flex items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          Save settings
        </Button>
        {save.isSuccess ? <span className="text-sm text-emerald-700">Saved.</span> : null}
      </div>
      {save.error ? (
        <div className="md:col-span-2">
          <Notice tone="error">{errorMessage(save.error)}</Notice>
        </div>
      ) : null}
    </form>
  );
}
