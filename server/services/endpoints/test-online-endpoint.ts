import { scoreEndpoint } from "../../endpoints/score-endpoint";

/**
 * One scoring request sent from the studio's Test tab through the same router as
 * `POST /endpoints/…/score`, authorised by the member's endpoint:invoke instead of a key or an API
 * token: a token-mode endpoint, or a viewer who may not read keys, can still be tried out.
 */
export async function testOnlineEndpoint(
  workspaceId: string,
  endpointName: string,
  request: { body: string; deployment: string | null },
) {
  const answer = await scoreEndpoint({
    workspaceRef: workspaceId,
    endpointName,
    authorization: null,
    invokeCheckedIn: workspaceId,
    deploymentHeader: request.deployment,
    contentType: "application/json",
    body: Buffer.from(request.body),
  });
  return {
    status: answer.status,
    deployment: answer.deployment,
    contentType: answer.contentType,
    body: answer.body.toString("utf8"),
  };
}
