import { WorkspaceOverview } from "@/components/workspaces/workspace-overview";

export default function WorkspaceHome() {
  return <WorkspaceOverview />;
}
