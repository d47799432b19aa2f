"use client";

import { useEffect, useState } from "react";
import { useCan } from "../shell/workspace-context";
import { Section } from "../ui/section";
import { OnlineEndpointKeys } from "./online-endpoint-keys";
import { sampleBody } from "./online-sample-body";
import { absoluteScoringUrl, curlSnippet, pythonSnippet } from "./online-scoring-url";
import type { TOnlineEndpoint } from "./online-types";

/** How to call the endpoint: its URL, auth mode, ready-to-paste snippets and, for Owners, its keys. */
export function OnlineEndpointOverview({ endpoint }: { endpoint: TOnlineEndpoint }) {
  const canKeys = useCan("endpoint:keys");
  // The origin is only known in the browser; the first render shows the path.
  const [url, setUrl] = useState(endpoint.scoring_uri);
  useEffect(() => setUrl(absoluteScoringUrl(endpoint.scoring_uri)), [endpoint.scoring_uri]);
  const body = sampleBody(endpoint.deployments);
  return (
    <div className="space-y-6">
      <Section title="Scoring">
        <dl className="grid grid-cols-[10rem_1fr] gap-y-2 text-sm">
          <dt className="text-slate-500">Scoring URL</dt>
          <dd data-testid="scoring-url" className="font-mono text-xs break-all">
            {url}
          </dd>
          <dt className="text-slate-500">Auth mode</dt>
          <dd>
            {endpoint.auth_mode === "key"
              ? "key: send one of the endpoint's two keys as a bearer token"
              : "token: send a Crucible API token of a member allowed endpoint:invoke"}
          </dd>
          <dt className="text-slate-500">Pick a deployment</dt>
          <dd>
            the <code className="rounded bg-slate-100 px-1">x-crucible-deployment</code> header names one; without it,
            the traffic weights choose
          </dd>
        </dl>
        <div className="mt-4 grid gap-4">
          <Snippet title="curl" text={curlSnippet(url, endpoint.auth_mode, body)} />
          <Snippet title="Python (requests)" text={pythonSnippet(url, endpoint.auth_mode, body)} />
        </div>
      </Section>
      {canKeys ? <OnlineEndpointKeys endpointName={endpoint.name} authMode={endpoint.auth_mode} /> : null}
    </div>
  );
}

function Snippet({ title, text }: { title: string; text: string }) {
  return (
    <figure>
      <figcaption className="mb-1 text-xs font-medium text-slate-600">{title}</figcaption>
      <pre aria-label={`${title} snippet`} className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
        {text}
      </pre>
    </figure>
  );
}
