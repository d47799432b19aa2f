import { signOutAction } from "@/app/session-actions";
import { WorkspacesPage } from "@/components/workspaces/workspaces-page";

export default function Workspaces() {
  return <WorkspacesPage signOutAction={signOutAction} />;
}
