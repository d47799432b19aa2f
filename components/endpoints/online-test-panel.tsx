"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useCan, useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { SelectField } from "../ui/field";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";
import { sampleBody } from "./online-sample-body";
import { absoluteScoringUrl } from "./online-scoring-url";
import type { TOnlineEndpoint } from "./online-types";

type TAnswer = { status: number; deployment: string | null; body: string };

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/**
 * Sends one JSON request and shows who answered and what. With a key-mode endpoint and a viewer who
 * may read its keys, the browser calls the scoring URL itself, exactly as a client would; otherwise
 * the studio scores it on the member's endpoint:invoke.
 */
export function OnlineTestPanel({ endpoint }: { endpoint: TOnlineEndpoint }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const canKeys = useCan("endpoint:keys");
  const canInvoke = useCan("endpoint:invoke");
  const pyfunc = endpoint.deployments.filter((d) => !d.code_configuration).map((d) => d.name);
  const [body, setBody] = useState(() => sampleBody(endpoint.deployments));
  const [deployment, setDeployment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const credentials = useMutation(trpc.endpoints.getCredentials.mutationOptions());
  const viaStudio = useMutation(trpc.endpoints.test.mutationOptions());
  const [answer, setAnswer] = useState<TAnswer | null>(null);
  // Who answered since the tab opened: a run of sends by traffic shows the split at work.
  const [tally, setTally] = useState<Record<string, number>>({});
  const record = (next: TAnswer) => {
    setAnswer(next);
    const by = next.deployment ?? "no deployment";
    setTally((t) => ({ ...t, [by]: (t[by] ?? 0) + 1 }));
  };
  const [isSending, setIsSending] = useState(false);
  const isDirect = endpoint.auth_mode === "key" && canKeys;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      JSON.parse(body);
    } catch {
      setError("The request body is not valid JSON");
      return;
    }
    setIsSending(true);
    try {
      if (isDirect) {
        const keys = credentials.data ?? (await credentials.mutateAsync({ workspaceId, endpointName: endpoint.name }));
        const response = await fetch(absoluteScoringUrl(endpoint.scoring_uri), {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${keys.primaryKey}`,
            ...(deployment ? { "x-crucible-deployment": deployment } : {}),
          },
          body,
        });
        record({
          status: response.status,
          deployment: response.headers.get("x-crucible-deployment"),
          body: await response.text(),
        });
      } else {
        const result = await viaStudio.mutateAsync({
          workspaceId,
          endpointName: endpoint.name,
          body,
          deployment: deployment || null,
        });
        record(result);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setIsSending(false);
    }
  };

  if (!isDirect && !canInvoke)
    return (
      <Section title="Test">
        <Notice tone="info">
          Your role may not invoke endpoints (endpoint:invoke); ask a Contributor or an Owner.
        </Notice>
      </Section>
    );
  return (
    <Section
      title="Test"
      description={isDirect ? "Sent from your browser with the primary key." : "Sent by the studio on your behalf."}
    >
      <form aria-label="Test request" onSubmit={send} className="space-y-3">
        <div>
          <label htmlFor="test-body" className="block text-sm font-medium text-slate-700">
            Request body (JSON)
          </label>
          <textarea
            id="test-body"
            rows={6}
            spellCheck={false}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            className="mt-1 block w-full rounded border border-slate-300 p-2 font-mono text-xs"
          />
          {pyfunc.length ? (
            <p className="mt-1 text-xs text-slate-500">
              {pyfunc.join(", ")} serve{pyfunc.length === 1 ? "s" : ""} an MLflow model without a score.py: send
              MLflow&apos;s input, one of dataframe_split, dataframe_records, instances or inputs.
            </p>
          ) : null}
        </div>
        <div className="flex items-end gap-3">
          <div className="w-64">
            <SelectField label="Deployment" value={deployment} onChange={(e) => setDeployment(e.target.value)}>
              <option value="">by traffic</option>
              {endpoint.deployments.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name}
                </option>
              ))}
            </SelectField>
          </div>
          <Button type="submit" disabled={isSending}>
            {isSending ? "Sending…" : "Send"}
          </Button>
        </div>
      </form>
      {error ? (
        <div className="mt-3">
          <Notice tone="error">{error}</Notice>
        </div>
      ) : null}
      {answer ? (
        <div aria-label="Answer" role="region" className="mt-4 space-y-2 text-sm">
          <p>
            Status{" "}
            <span
              data-testid="answer-status"
              className={`font-mono font-semibold ${answer.status < 400 ? "text-emerald-700" : "text-red-700"}`}
            >
              {answer.status}
            </span>{" "}
            · answered by <span data-testid="answer-deployment">{answer.deployment ?? "no deployment"}</span>
          </p>
          <p data-testid="answer-tally" className="text-xs text-slate-500">
            Answered since this tab opened:{" "}
            {Object.entries(tally)
              .sort()
              .map(([by, count]) => `${by} ${count}`)
              .join(" · ")}
          </p>
          <pre
            data-testid="answer-body"
            className="max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100"
          >
            {pretty(answer.body)}
          </pre>
        </div>
      ) : null}
    </Section>
  );
}
