"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useWorkspace } from "../shell/workspace-context";
import { useTRPC } from "../trpc/trpc-provider";
import { Button } from "../ui/button";
import { ConfirmButton } from "../ui/confirm-button";
import { errorMessage } from "../ui/error-message";
import { Notice } from "../ui/notice";
import { Section } from "../ui/section";

type TKeyType = "primary" | "secondary";

/**
 * The endpoint's two keys, fetched only when asked for (each read is audited); regenerating one
 * leaves the other working, so callers can move over without a gap.
 */
export function OnlineEndpointKeys({ endpointName, authMode }: { endpointName: string; authMode: "key" | "token" }) {
  const trpc = useTRPC();
  const { id: workspaceId } = useWorkspace();
  const [regenerated, setRegenerated] = useState<TKeyType | null>(null);
  const credentials = useMutation(trpc.endpoints.getCredentials.mutationOptions());
  const regenerate = useMutation(
    trpc.endpoints.regenerateKey.mutationOptions({
      onSuccess: (_data, input) => {
        setRegenerated(input.key_type);
        if (credentials.data) credentials.mutate({ workspaceId, endpointName });
      },
    }),
  );
  const keys = credentials.data;
  return (
    <Section
      title="Keys"
      description={
        authMode === "key"
          ? "Either key authenticates a scoring request."
          : "This endpoint takes API tokens; its keys start working if it is switched to key mode."
      }
      actions={
        keys ? (
          <Button variant="secondary" onClick={() => credentials.reset()}>
            Hide keys
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => credentials.mutate({ workspaceId, endpointName })}>
            Show keys
          </Button>
        )
      }
    >
      <div className="space-y-3">
        {(["primary", "secondary"] as const).map((type) => (
          <div key={type} className="flex items-center gap-3 text-sm">
            <span className="w-24 text-slate-500 capitalize">{type}</span>
            <code
              aria-label={`${type} key`}
              className="min-w-0 flex-1 truncate rounded bg-slate-100 px-2 py-1 font-mono text-xs"
            >
              {keys ? keys[`${type}Key`] : "••••••••••••••••"}
            </code>
            {/* A fixed width, so both keys' boxes line up whatever the button says. */}
            <div className="flex w-48 justify-end">
              <ConfirmButton
                label={`Regenerate ${type}`}
                title={`Regenerate the ${type} key?`}
                question={`Callers using the current ${type} key are refused from now on; the other key keeps working.`}
                confirmLabel="Regenerate"
                onConfirm={() => regenerate.mutate({ workspaceId, endpointName, key_type: type })}
              />
            </div>
          </div>
        ))}
        {regenerated ? <Notice tone="success">The {regenerated} key was regenerated.</Notice> : null}
        {credentials.error ? <Notice tone="error">{errorMessage(credentials.error)}</Notice> : null}
        {regenerate.error ? <Notice tone="error">{errorMessage(regenerate.error)}</Notice> : null}
      </div>
    </Section>
  );
}
