import { dispatchMlflow } from "@/server/mlflow/dispatch";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspace: string; endpoint: string[] }> };

async function handle(req: Request, { params }: TParams) {
  const { workspace, endpoint } = await params;
  return dispatchMlflow(req, workspace, endpoint.join("/"));
}

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE };
