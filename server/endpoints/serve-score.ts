import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../errors";
import { SCORE_BODY_LIMIT } from "../http/body-limits";
import { lingerAfterAnswer, readNodeBody } from "../http/node-bridge";
import { DEPLOYMENT_HEADER, scoreEndpoint } from "./score-endpoint";

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new AppError("BAD_REQUEST", `Invalid percent-encoding in the path: '${part.slice(0, 100)}'`);
  }
}

/**
 * The scoring route on the studio's own socket, before Next.js and without fetch objects: the
 * router must add little to a model that answers in a millisecond. Errors thrown here (a bad
 * path, a body over the limit) are answered by the studio's handler.
 */
export async function serveScore(
  req: IncomingMessage,
  res: ServerResponse,
  rawWorkspace: string,
  rawEndpoint: string,
): Promise<void> {
  const workspaceRef = decodePathPart(rawWorkspace);
  const endpointName = decodePathPart(rawEndpoint);
  const authorization = req.headers.authorization ?? null;
  lingerAfterAnswer(req, res);
  // Without credentials the answer is 401 whatever the body holds, so it is not read.
  const body = authorization ? await readNodeBody(req, SCORE_BODY_LIMIT) : Buffer.alloc(0);
  const answer = await scoreEndpoint({
    workspaceRef,
    endpointName,
    authorization,
    deploymentHeader: (req.headers[DEPLOYMENT_HEADER] as string | undefined) ?? null,
    contentType: req.headers["content-type"] ?? null,
    body,
  });
  const headers: Record<string, string | number> = {
    "content-type": answer.contentType,
    "content-length": answer.body.length,
  };
  if (answer.deployment) headers[DEPLOYMENT_HEADER] = answer.deployment;
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}
