"use client";

import { useQuery } from "@tanstack/react-query";
import { EChart } from "../charts/echart";
import {
  agreementOption,
  labelDistributionOption,
  statusOption,
  throughputOption,
} from "../charts/labeling-dashboard-options";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import type { TWorkbenchProject as TProject } from "./workbench/workbench-types";

/** Progress, throughput per person, label use and agreement, refreshed every 15 s while open. */
export function ProjectDashboard({ project }: { project: TProject }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const dashboard = useQuery({
    ...trpc.labeling.dashboard.queryOptions({ workspaceId, name: project.name }),
    refetchInterval: 15_000,
  });
  if (dashboard.isError) return <Notice tone="error">{errorMessage(dashboard.error)}</Notice>;
  const d = dashboard.data;
  if (!d) return <p className="text-sm text-slate-500">Loading the dashboard…</p>;
  const agreement = d.agreement.mean === null ? "—" : `${Math.round(d.agreement.mean * 100)}%`;
  return (
    <div className="space-y-4">
      <Section title="Progress" description={`${d.counts.done} of ${d.counts.total} items done`}>
        <EChart label="Items by status" height={90} option={statusOption(d.counts)} />
      </Section>
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Submissions per day" description="Last 14 days, by person">
          {d.throughput.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing submitted yet.</p>
          ) : (
            <EChart label="Submissions per day by person" height={220} option={throughputOption(d.throughput)} />
          )}
        </Section>
        <Section title="Label distribution" description="Labels in submitted and accepted work">
          <EChart
            label="Label distribution"
            height={Math.max(120, 28 * d.labels.length + 20)}
            option={labelDistributionOption(d.labels)}
          />
        </Section>
        <Section
          title="Agreement"
          description={
            d.agreement.items === 0
              ? "Shown once an item has labels from two people (set labelers per item above 1)"
              : `Mean ${agreement} over ${d.agreement.items} items labeled by several people`
          }
        >
          {d.people.some((p) => p.agreement !== null) ? (
            <EChart
              label="Agreement by person"
              height={Math.max(120, 28 * d.people.length + 20)}
              option={agreementOption(d.people)}
            />
          ) : (
            <p className="text-sm text-slate-500">No overlapping labels yet.</p>
          )}
        </Section>
        <Section title="People">
          {d.people.length === 0 ? (
            <p className="text-sm text-slate-500">Nobody has labeled yet.</p>
          ) : (
            <table aria-label="People" className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1.5 pr-2">Person</th>
                  <th className="py-1.5 pr-2 text-right">Submitted</th>
                  <th className="py-1.5 pr-2 text-right">Accepted</th>
                  <th className="py-1.5 pr-2 text-right">Rejected</th>
                  <th className="py-1.5 pr-2 text-right">Skipped</th>
                  <th className="py-1.5 text-right">Open</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {d.people.map((p) => (
                  <tr key={p.email}>
                    <td className="py-1.5 pr-2">{p.email}</td>
                    <td className="py-1.5 pr-2 text-right tabular-nums">{p.submitted}</td>
                    <td className="py-1.5 pr-2 text-right tabular-nums">{p.accepted}</td>
                    <td className="py-1.5 pr-2 text-right tabular-nums">{p.rejected}</td>
                    <td className="py-1.5 pr-2 text-right tabular-nums">{p.skipped}</td>
                    <td className="py-1.5 text-right tabular-nums">{p.open}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      </div>
    </div>
  );
}
