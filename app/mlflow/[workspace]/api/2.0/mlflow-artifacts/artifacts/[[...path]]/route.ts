import { handleMlflowArtifacts } from "@/server/mlflow/artifact-proxy";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspace: string; path?: string[] }> };

async function handle(req: Request, { params }: TParams) {
  const { workspace, path = [] } = await params;
  return handleMlflowArtifacts(req, workspace, path);
}

export { handle as GET, handle as PUT };
