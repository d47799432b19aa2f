import { z } from "zod";
import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { errorResponse } from "@/server/http/error-response";
import { readBodyStream } from "@/server/http/read-body";
import { ZModelVersionTarget } from "@/server/services/models/model-input";
import { registerModelFromTar } from "@/server/services/models/register-model-from-tar";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspaceId: string; name: string }> };

const ZTagsParam = z
  .string()
  .max(600_000)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "tags is a JSON object of strings" });
      return z.NEVER;
    }
  });

/**
 * Registers the next version from a tar of the model's folder (the request body, streamed):
 * `?type=`, `?description=` and `?tags=` (a JSON object) describe it. The version is recorded
 * only once the whole archive has arrived.
 */
export async function POST(req: Request, { params }: TParams) {
  try {
    const { workspaceId, name } = await params;
    const { caller } = await authorizeWorkspaceRequest(req, workspaceId, "model:write");
    const query = new URL(req.url).searchParams;
    const tags = query.has("tags") ? ZTagsParam.parse(query.get("tags")) : undefined;
    const target = ZModelVersionTarget.parse({
      name: decodeURIComponent(name),
      type: query.get("type") ?? undefined,
      description: query.get("description") ?? undefined,
      tags,
    });
    const version = await registerModelFromTar(
      { userId: caller.userId, email: caller.email },
      workspaceId,
      target,
      readBodyStream(req),
    );
    return Response.json(version, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
