import { redirect } from "next/navigation";
import { auth } from "@/server/auth/auth";
import { listWorkspaces } from "@/server/services/workspaces/list-workspaces";

export const dynamic = "force-dynamic";

export default async function Home() {
  const session = await auth();
  if (!session?.user?.id) redirect("/signin");
  const [first] = await listWorkspaces(session.user.id);
  redirect(first ? `/w/${first.id}` : "/workspaces");
}
