import "server-only";
import { timingSafeEqual } from "node:crypto";
import { authorizeWorkspace } from "../auth/authorize-workspace";
import { bearerToken, resolveTokenCaller } from "../auth/resolve-token-caller";
import { AppError, type TAppErrorCode } from "../errors";
import { toApiError } from "../http/error-response";
import { errorStatus } from "../http/error-status";
import { acquireInstance, releaseInstance } from "./instance-slots";
import { pickDeployment } from "./pick-deployment";
import { proxyToInstance } from "./proxy-to-instance";
import { recordRequestStat } from "./request-stats";
import { keyDigest, routeFor, type TRoute, type TRouteDeployment } from "./routing-table";

export const DEPLOYMENT_HEADER = "x-crucible-deployment";

export type TScoreRequest = {
  workspaceRef: string;
  endpointName: string;
  authorization: string | null;
  /**
   * The id of the workspace where the caller already holds endpoint:invoke as a signed-in member
   * (the studio's Test tab): no credential is needed for that workspace's endpoints.
   */
  invokeCheckedIn?: string;
  deploymentHeader: string | null;
  contentType: string | null;
  body: Buffer;
};
/** What the router answers: plain values, written straight to the socket (no fetch Response on the hot path). */
export type TScoreAnswer = { status: number; contentType: string; body: Buffer; deployment: string | null };

/**
 * `POST /endpoints/<workspace>/<endpoint>/score`: authenticates (a key, compared in constant
 * time, or an API token with endpoint:invoke), picks a deployment (the header, else the traffic
 * weights over deployments with ready instances), copies a share to the mirror deployment, and
 * proxies to the least busy ready instance with the deployment's timeout.
 */
export async function scoreEndpoint(req: TScoreRequest): Promise<TScoreAnswer> {
  try {
    // A remembered route that cannot serve the request is read again before the refusal: a change
    // committed a moment ago (new traffic, a new deployment or key) may not have been heard yet.
    let route = await routeFor(req.workspaceRef, req.endpointName);
    let chosen: { route: TRoute; deployment: TRouteDeployment };
    try {
      chosen = await choose(route, req);
    } catch (error) {
      route = await routeFor(req.workspaceRef, req.endpointName, { isFresh: true });
      chosen = await choose(route, req).catch(() => Promise.reject(error));
    }
    route = chosen.route;
    const deployment = chosen.deployment;
    const contentType = req.contentType ?? "application/json";
    mirror(route, req.body, contentType);
    return await forward(deployment, req.body, contentType, false);
  } catch (error) {
    return errorAnswer(error, null);
  }
}

/** The route's deployment for the request, once its caller is authenticated. */
async function choose(route: TRoute | null, req: TScoreRequest) {
  if (!route) throw new AppError("NOT_FOUND", `Online endpoint '${req.endpointName}' not found`);
  if (req.invokeCheckedIn === undefined) await authenticate(route, req.authorization);
  else if (route.workspaceId !== req.invokeCheckedIn)
    throw new AppError("NOT_FOUND", `Online endpoint '${req.endpointName}' not found`);
  const deployment = req.deploymentHeader
    ? namedDeployment(route, req.deploymentHeader, req.endpointName)
    : weightedDeployment(route, req.endpointName);
  return { route, deployment };
}

function errorAnswer(error: unknown, deployment: string | null): TScoreAnswer {
  const apiError = toApiError(error);
  return {
    status: errorStatus(apiError.code),
    contentType: "application/json",
    body: Buffer.from(JSON.stringify({ code: apiError.code, message: apiError.message })),
    deployment,
  };
}

async function authenticate(route: TRoute, authorization: string | null): Promise<void> {
  const credential = bearerToken(authorization);
  if (!credential)
    throw new AppError("UNAUTHORIZED", "Send the endpoint's key or an API token as 'Authorization: Bearer …'");
  if (route.authMode === "key") {
    // Both keys are always compared, and as digests of one length, so timing tells nothing.
    const given = keyDigest(credential);
    const matches = route.keyDigests.map((key) => timingSafeEqual(key, given));
    if (!matches.some(Boolean)) throw new AppError("UNAUTHORIZED", "Invalid endpoint key");
    return;
  }
  const caller = await resolveTokenCaller(credential);
  if (!caller) throw new AppError("UNAUTHORIZED", "Invalid or expired token");
  await authorizeWorkspace(caller, route.workspaceId, "endpoint:invoke");
}

function namedDeployment(route: TRoute, name: string, endpointName: string): TRouteDeployment {
  const deployment = route.deployments.get(name);
  if (!deployment) throw new AppError("NOT_FOUND", `Endpoint '${endpointName}' has no deployment named '${name}'`);
  return deployment;
}

function weightedDeployment(route: TRoute, endpointName: string): TRouteDeployment {
  const name = pickDeployment(route.traffic, (n) => (route.deployments.get(n)?.instances.length ?? 0) > 0);
  if (name) return route.deployments.get(name)!;
  throw new AppError(
    "SERVICE_UNAVAILABLE",
    Object.values(route.traffic).some((w) => w > 0)
      ? `No deployment of '${endpointName}' that takes traffic has a ready instance`
      : `Endpoint '${endpointName}' sends no traffic to any deployment; set its traffic, or name one in the ${DEPLOYMENT_HEADER} header`,
  );
}

/** A copy of the request for the mirror deployment, its answer dropped; skipped when it has no free slot. */
function mirror(route: TRoute, body: Buffer, contentType: string): void {
  const [target] = Object.entries(route.mirrorTraffic).filter(([, percent]) => percent > 0);
  if (!target || Math.random() * 100 >= target[1]) return;
  const deployment = route.deployments.get(target[0]);
  if (!deployment || deployment.instances.length === 0) return;
  void forward(deployment, body, contentType, true).catch(() => undefined);
}

async function forward(
  deployment: TRouteDeployment,
  body: Buffer,
  contentType: string,
  isMirror: boolean,
): Promise<TScoreAnswer> {
  const started = performance.now();
  const done = (answer: TScoreAnswer) => {
    recordRequestStat(deployment.id, answer.status, performance.now() - started, isMirror);
    return answer;
  };
  const refuse = (code: TAppErrorCode, message: string) =>
    done(errorAnswer(new AppError(code, message), deployment.name));
  if (deployment.instances.length === 0)
    return refuse("SERVICE_UNAVAILABLE", `Deployment '${deployment.name}' has no ready instance`);
  let tried: string | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const instance = await acquireInstance(deployment.id, deployment.instances, deployment.maxConcurrent, tried);
    if (!instance) {
      if (tried) break;
      return refuse("TOO_MANY_REQUESTS", `Every instance of '${deployment.name}' is busy; try again shortly`);
    }
    tried = instance.id;
    const remaining = deployment.requestTimeoutMs - (performance.now() - started);
    const result = await proxyToInstance(instance.socketPath, body, contentType, Math.max(1, remaining)).finally(() =>
      releaseInstance(deployment.id, instance.id),
    );
    if (result.kind === "answer")
      return done({
        status: result.status,
        contentType: result.contentType,
        body: result.body,
        deployment: deployment.name,
      });
    if (result.kind === "timeout")
      return refuse(
        "GATEWAY_TIMEOUT",
        `Deployment '${deployment.name}' did not answer within ${deployment.requestTimeoutMs} ms`,
      );
  }
  return refuse("BAD_GATEWAY", `No instance of '${deployment.name}' could be reached`);
}
