import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { errorResponse } from "@/server/http/error-response";
import { listLogLines } from "@/server/jobs/list-log-lines";
import { findRunWorkspace } from "@/server/services/runs/find-run-workspace";

export const dynamic = "force-dynamic";

/** The whole console as text, streamed page by page. */
export async function GET(req: Request, { params }: { params: Promise<{ runId: string }> }) {
  try {
    const { runId } = await params;
    const workspaceId = await findRunWorkspace(runId);
    await authorizeWorkspaceRequest(req, workspaceId, "experiment:read", runId);
    const encoder = new TextEncoder();
    let after = 0;
    let isDone = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (isDone) return controller.close();
        const page = await listLogLines(workspaceId, runId, { afterSeq: after });
        after = page.lastSeq;
        isDone = !page.hasMore;
        controller.enqueue(encoder.encode(page.lines.map((l) => `${l.text}\n`).join("")));
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "content-disposition": `attachment; filename="${runId}-console.txt"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
