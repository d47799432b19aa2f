import { dispatchMlflow } from "../../server/mlflow/dispatch";
import { parseMlflowJson } from "../../server/mlflow/mlflow-json";

/** Calls an MLflow endpoint as a client would over HTTP, through the same dispatcher the route uses. */
export function mlflowClient(workspace: string, token: string | null, auth: "bearer" | "basic" = "bearer", email = "") {
  const headers = (): Record<string, string> =>
    token === null
      ? {}
      : auth === "bearer"
        ? { authorization: `Bearer ${token}` }
        : { authorization: `Basic ${Buffer.from(`${email}:${token}`).toString("base64")}` };
  return async (
    method: "GET" | "POST" | "PATCH" | "DELETE",
    endpoint: string,
    body: Record<string, unknown> | string = {},
  ) => {
    let url = `http://studio.test/mlflow/${workspace}/api/2.0/mlflow/${endpoint}`;
    let init: RequestInit = { method, headers: headers() };
    if (method === "GET") {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(body as Record<string, unknown>))
        for (const item of [v].flat()) query.append(k, String(item));
      url += `?${query}`;
    } else
      init = {
        ...init,
        headers: { ...headers(), "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      };
    const response = await dispatchMlflow(new Request(url, init), workspace, endpoint);
    return { status: response.status, body: parseMlflowJson(await response.text()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}
