"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { DifferencesToggle } from "../runs/differences-toggle";
import { SideBySideTable } from "../runs/side-by-side-table";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { AliasBadge } from "./alias-badge";
import { modelHref, modelVersionHref } from "./model-links";

/** Up to ten versions of a model side by side: the params and metrics of the runs that made them. */
export function CompareModelVersionsPage({ name, versions }: { name: string; versions: number[] }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [isDiffOnly, setIsDiffOnly] = useState(true);
  const compared = useQuery({
    ...trpc.models.compare.queryOptions({ workspaceId, name, versions }),
    enabled: versions.length > 0,
  });
  const back = (
    <p className="text-sm text-slate-500">
      <Link className="text-sky-700 hover:underline" href={`/w/${workspaceId}/models`}>
        Models
      </Link>{" "}
      /{" "}
      <Link className="text-sky-700 hover:underline" href={modelHref(workspaceId, name)}>
        {name}
      </Link>
    </p>
  );
  if (versions.length === 0)
    return (
      <div className="mx-auto max-w-6xl space-y-3">
        {back}
        <Notice tone="info">Pick versions to compare on the model page.</Notice>
      </div>
    );
  if (compared.isPending) return <p className="text-sm text-slate-500">Loading versions…</p>;
  if (compared.isError) return <Notice tone="error">{errorMessage(compared.error)}</Notice>;
  const withoutRun = compared.data.filter((v) => !v.run);

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        {back}
        <h1 className="mt-1 text-2xl font-semibold">Compare {compared.data.length} versions</h1>
      </div>
      <Section
        title="Params and metrics of their runs"
        actions={<DifferencesToggle isOn={isDiffOnly} onChange={setIsDiffOnly} />}
      >
        {withoutRun.length ? (
          <p className="mb-2 text-sm text-slate-500">
            {withoutRun.map((v) => v.ref).join(", ")}: uploaded, not registered from a run.
          </p>
        ) : null}
        <SideBySideTable
          isDiffOnly={isDiffOnly}
          columns={compared.data.map((v) => ({
            id: v.ref,
            header: (
              <span className="flex flex-col gap-0.5">
                <Link
                  className="font-mono text-sky-700 hover:underline"
                  href={modelVersionHref(workspaceId, name, v.version)}
                >
                  {v.ref}
                </Link>
                {v.run ? (
                  <Link
                    className="text-xs font-normal text-slate-500 hover:underline"
                    href={`/w/${workspaceId}/runs/${v.run.id}`}
                  >
                    {v.run.name}
                  </Link>
                ) : null}
                <span className="flex gap-1 font-normal">
                  {v.aliases.map((a) => (
                    <AliasBadge key={a} alias={a} />
                  ))}
                </span>
              </span>
            ),
            params: v.run?.params ?? {},
            metrics: v.run?.metrics ?? {},
          }))}
        />
      </Section>
    </div>
  );
}
