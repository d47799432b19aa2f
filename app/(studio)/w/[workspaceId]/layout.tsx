import type { ReactNode } from "react";
import { signOutAction } from "@/app/session-actions";
import { StudioShell } from "@/components/shell/studio-shell";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceId: string }>;
}) {
  const { workspaceId } = await params;
  return (
    <StudioShell workspaceId={workspaceId} signOutAction={signOutAction}>
      {children}
    </StudioShell>
  );
}
