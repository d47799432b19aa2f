import { authorizeWorkspaceRequest } from "@/server/auth/authorize-request";
import { inlineFile } from "@/server/http/download-response";
import { errorResponse } from "@/server/http/error-response";
import { dataContentType } from "@/server/services/data/data-content-type";
import { findLabelingProject } from "@/server/services/labeling/find-labeling-project";
import { openLabelingMedia } from "@/server/services/labeling/open-labeling-media";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ workspaceId: string; project: string; itemId: string }> };

/** An item's image for the labeling page, streamed from the datastore. */
export async function GET(req: Request, { params }: TParams) {
  try {
    const { workspaceId, project: name, itemId } = await params;
    const { caller, access } = await authorizeWorkspaceRequest(req, workspaceId, "labeling:read");
    const project = await findLabelingProject(access.workspace.id, decodeURIComponent(name));
    const file = await openLabelingMedia(project, access.role, caller.userId, itemId);
    return inlineFile(req, file, dataContentType(file.path));
  } catch (error) {
    return errorResponse(error);
  }
}
