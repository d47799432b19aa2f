"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField, TextField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { jobFormToYaml, type TJobForm } from "./job-yaml";

/** A form for a command job that shows its YAML; the YAML can be edited directly (or resubmitted from a run). */
export function SubmitJobPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const from = useSearchParams().get("from");
  const { id: workspaceId } = useWorkspace();
  const environments = useQuery(trpc.environments.list.queryOptions({ workspaceId }));
  const hosts = useQuery(trpc.compute.hosts.queryOptions({ workspaceId }));
  const targets = useQuery(trpc.compute.targets.queryOptions({ workspaceId }));
  const previous = useQuery({
    ...trpc.jobs.byRun.queryOptions({ workspaceId, runId: from ?? "" }),
    enabled: Boolean(from),
  });
  const [form, setForm] = useState<TJobForm>({
    experimentName: "",
    displayName: "",
    command: "python3 -c \"print('hello from Crucible')\"",
    environment: "crucible-sklearn:1",
    compute: "",
    inputs: "",
    cpu: "",
    memory: "",
    timeout: "",
  });
  const [editedYaml, setEditedYaml] = useState<string | null>(null);
  const computeNames = useMemo(
    () => [...(targets.data ?? []).map((t) => t.name), ...(hosts.data ?? []).map((h) => h.name)],
    [hosts.data, targets.data],
  );

  useEffect(() => {
    if (!form.compute && computeNames[0]) setForm((f) => ({ ...f, compute: computeNames[0]! }));
  }, [computeNames, form.compute]);
  useEffect(() => {
    if (previous.data?.yaml) setEditedYaml(previous.data.yaml);
  }, [previous.data]);

  const yaml = editedYaml ?? jobFormToYaml(form);
  const submit = useMutation(
    trpc.jobs.submit.mutationOptions({ onSuccess: (job) => router.push(`/w/${workspaceId}/runs/${job.runId}`) }),
  );
  // Resubmitting a run that had code reuses its snapshot, so the same code runs again.
  const snapshotFromRunId = from && previous.data?.hasSnapshot ? from : undefined;
  const set = (key: keyof TJobForm) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Submit a job</h1>
      {from && previous.data && !previous.data.yaml ? (
        <Notice tone="info">That run was submitted without YAML; fill in the form.</Notice>
      ) : null}
      {snapshotFromRunId ? (
        <Notice tone="info">The code snapshot of run {from} is reused, so the same code runs again.</Notice>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Section
          title="Job"
          description="A command run in a container from an environment, on a compute target or host."
        >
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              submit.mutate({ workspaceId, yaml, snapshotFromRunId });
            }}
          >
            <fieldset disabled={editedYaml !== null} className="space-y-3 disabled:opacity-50">
              <TextField
                label="Command"
                value={form.command}
                onChange={set("command")}
                required
                hint="${{inputs.name}} is replaced by an input's value"
              />
              <div className="grid gap-3 sm:grid-cols-2">
                <SelectField label="Environment" value={form.environment} onChange={set("environment")}>
                  {environments.data?.map((env) => (
                    <option key={env.id} value={`${env.name}:${env.versions[0]?.version ?? 1}`}>
                      {env.name}:{env.versions[0]?.version}
                    </option>
                  ))}
                </SelectField>
                <SelectField label="Compute" value={form.compute} onChange={set("compute")}>
                  {computeNames.length === 0 ? <option value="">No compute registered</option> : null}
                  {computeNames.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  label="Experiment"
                  value={form.experimentName}
                  onChange={set("experimentName")}
                  placeholder="Default"
                />
                <TextField label="Display name" value={form.displayName} onChange={set("displayName")} />
                <TextField label="CPUs" type="number" step="0.5" min={0} value={form.cpu} onChange={set("cpu")} />
                <TextField label="Memory" value={form.memory} onChange={set("memory")} placeholder="2g" />
                <TextField
                  label="Time limit (s)"
                  type="number"
                  min={1}
                  value={form.timeout}
                  onChange={set("timeout")}
                />
              </div>
              <label className="block text-sm font-medium text-slate-700" htmlFor="job-inputs">
                Inputs
              </label>
              <textarea
                id="job-inputs"
                className="h-20 w-full rounded border border-slate-300 p-2 font-mono text-xs"
                placeholder={"epochs: 10\nlr: 0.01"}
                value={form.inputs}
                onChange={set("inputs")}
              />
            </fieldset>
            <div className="flex gap-2">
              <Button type="submit" disabled={submit.isPending}>
                {submit.isPending ? "Submitting…" : "Submit"}
              </Button>
              {editedYaml !== null ? (
                <Button variant="secondary" onClick={() => setEditedYaml(null)}>
                  Back to the form
                </Button>
              ) : null}
            </div>
            {submit.error ? (
              <Notice tone="error">
                <span className="whitespace-pre-wrap">{errorMessage(submit.error)}</span>
              </Notice>
            ) : null}
          </form>
        </Section>
        <Section
          title="YAML"
          description="The same job for `crucible job create -f job.yml`; edit it here to submit it as written."
        >
          <textarea
            aria-label="Job YAML"
            className="h-96 w-full rounded border border-slate-300 bg-slate-50 p-2 font-mono text-xs"
            value={yaml}
            onChange={(e) => setEditedYaml(e.target.value)}
          />
        </Section>
      </div>
    </div>
  );
}
