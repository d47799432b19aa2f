"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { stringify } from "yaml";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { BuildLog } from "./build-log";

const EXAMPLE = `name: my-env
description: scikit-learn with a data file baked in
image: crucible-base:bookworm
dockerfile_steps: |
  RUN mkdir -p /opt/data && echo ready > /opt/data/flag
environment_variables:
  OMP_NUM_THREADS: "2"
`;

const BUILD_TONE: Record<string, string> = {
  Succeeded: "text-emerald-700",
  Failed: "text-red-700",
  Building: "text-amber-700",
};

export function EnvironmentsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const canWrite = useCan("environment:write");
  const environments = useQuery(trpc.environments.list.queryOptions({ workspaceId }));
  const [yaml, setYaml] = useState(EXAMPLE);
  const [openBuild, setOpenBuild] = useState<string | null>(null);
  const create = useMutation(
    trpc.environments.create.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.environments.pathFilter()),
    }),
  );

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <h1 className="text-2xl font-semibold">Environments</h1>
      <Section
        title="Environments"
        description="Each version's image is crucible-env:<hash of base image, packages and steps>; the same spec under any name shares one image."
      >
        {environments.isError ? <Notice tone="error">{errorMessage(environments.error)}</Notice> : null}
        <ul className="divide-y divide-slate-100">
          {environments.data?.map((env) => (
            <li key={env.id} aria-label={`Environment ${env.name}`} className="py-3">
              <div className="flex items-center gap-2">
                <span className="font-medium">{env.name}</span>
                {env.isCurated ? (
                  <span className="rounded bg-sky-100 px-1.5 text-[11px] text-sky-800">curated</span>
                ) : null}
                <span className="text-sm text-slate-500">{env.description}</span>
              </div>
              <ul className="mt-2 space-y-2">
                {env.versions.map((v) => (
                  <li key={v.id} className="rounded border border-slate-100 p-2 text-sm">
                    <details>
                      <summary className="cursor-pointer">
                        <span className="font-mono">
                          {env.name}:{v.version}
                        </span>{" "}
                        <span className="font-mono text-xs text-slate-500">hash {v.hash.slice(0, 16)}</span>{" "}
                        <span className="text-xs text-slate-500">
                          {v.builds.length
                            ? `${v.builds.length} build(s), last ${v.builds[0]?.status}`
                            : "no builds recorded here"}
                        </span>
                      </summary>
                      <pre className="mt-2 overflow-auto rounded bg-slate-50 p-2 text-xs">{stringify(v.spec)}</pre>
                      {v.builds.length ? (
                        <ul className="mt-2 space-y-1 text-xs">
                          {v.builds.map((b) => (
                            <li key={b.id}>
                              <button
                                type="button"
                                className="text-sky-700 hover:underline"
                                onClick={() => setOpenBuild(openBuild === b.id ? null : b.id)}
                              >
                                Build {new Date(b.startedAt).toLocaleString()}
                              </button>{" "}
                              <span className={BUILD_TONE[b.status]}>{b.status}</span>
                              {openBuild === b.id ? <BuildLog buildId={b.id} /> : null}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </details>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </Section>
      {canWrite ? (
        <Section
          title="Create an environment or a new version"
          description="YAML as in Azure ML: image, os_packages, python_requirements, conda_file (python, pip and a pip: list), dockerfile_steps (RUN lines run as the job's user unless the host runs them as root), environment_variables, user (uid:gid, never root). Names starting with crucible- are reserved."
        >
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ workspaceId, yaml });
            }}
          >
            <textarea
              aria-label="Environment YAML"
              className="h-48 w-full rounded border border-slate-300 p-2 font-mono text-xs"
              value={yaml}
              onChange={(e) => setYaml(e.target.value)}
            />
            <Button type="submit" disabled={create.isPending}>
              Create
            </Button>
            {create.error ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
            {create.data ? (
              <Notice tone="success">
                {create.data.isNew ? "Created" : "Unchanged:"} {create.data.name}:{create.data.version} (hash{" "}
                {create.data.hash.slice(0, 12)})
              </Notice>
            ) : null}
          </form>
        </Section>
      ) : null}
    </div>
  );
}
