import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as trpcPost } from "../app/api/trpc/[trpc]/route";
import { PUT as artifactPut } from "../app/api/v1/workspaces/[workspaceId]/runs/[runId]/artifacts/[...path]/route";
import { env } from "../server/env";
import { BATCH_BODY_LIMIT, JSON_BODY_LIMIT } from "../server/http/body-limits";
import { errorResponse } from "../server/http/error-response";
import { readBodyStream } from "../server/http/read-body";
import { dispatchMlflow } from "../server/mlflow/dispatch";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { handleRest } from "../server/trpc/rest-handler";
import { ownerWorkspace } from "./helpers/actors";

let token: string;
let workspaceId: string;
let runId: string;

beforeAll(async () => {
  const setup = await ownerWorkspace();
  workspaceId = setup.workspaceId;
  token = (await createApiToken(setup.user.id, "bounds")).token;
  runId = (await setup.owner.runs.create({ workspaceId, experimentName: "bounds" })).id;
});

/** A chunked body of `size` bytes that counts how much of it was pulled. */
function chunkedBody(size: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= size) return controller.close();
      counter.pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

function post(
  url: string,
  body: ReadableStream<Uint8Array> | string,
  headers: Record<string, string> = {},
  method = "POST",
): Request {
  return new Request(`http://studio.test${url}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

const TOO_LARGE = (limit: string) => ({ code: "PAYLOAD_TOO_LARGE", message: `The request body is over ${limit}` });

describe("body limits", () => {
  it("REST: a chunked body past 1 MiB is cut off with 413, before authentication", async () => {
    const { stream, counter } = chunkedBody(30 * 1024 * 1024);
    const response = await handleRest(post("/api/v1/auth/token", stream));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(TOO_LARGE("1 MiB"));
    expect(counter.pulled).toBeLessThan(JSON_BODY_LIMIT + 256 * 1024);
  });

  it("REST: a log-batch of 1,000 points with the longest keys fits its limit", async () => {
    const metrics = Array.from({ length: 1000 }, (_, i) => ({
      key: `${"k".repeat(246)}${String(i).padStart(4, "0")}`,
      value: i / 7,
      step: i,
      timestamp: 1_700_000_000_000 + i,
    }));
    const body = JSON.stringify({ metrics });
    expect(body.length).toBeGreaterThan(JSON_BODY_LIMIT / 4);
    expect(body.length).toBeLessThan(BATCH_BODY_LIMIT);
    const response = await handleRest(
      post(`/api/v1/workspaces/${workspaceId}/runs/${runId}/log-batch`, body, { authorization: `Bearer ${token}` }),
    );
    expect(response.status).toBe(200);
  });

  it("tRPC: a chunked body past the limit is cut off with 413", async () => {
    const { stream, counter } = chunkedBody(30 * 1024 * 1024);
    const response = await trpcPost(post("/api/trpc/workspaces.create", stream));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(TOO_LARGE("1 MiB"));
    expect(counter.pulled).toBeLessThan(JSON_BODY_LIMIT + 256 * 1024);
  });

  it("MLflow: a Content-Length over the limit is refused before the token is looked at; a chunked one is cut off", async () => {
    const url = "/mlflow/default/api/2.0/mlflow/runs/log-batch";
    const declared = await dispatchMlflow(
      post(url, "{}", { "content-length": String(30 * 1024 * 1024) }),
      "default",
      "runs/log-batch",
    );
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      error_code: "RESOURCE_EXHAUSTED",
      message: "The request body is over 8 MiB",
    });
    const { stream, counter } = chunkedBody(30 * 1024 * 1024);
    const chunked = await dispatchMlflow(
      post(url, stream, { authorization: `Bearer ${token}` }),
      workspaceId,
      "runs/log-batch",
    );
    expect(chunked.status).toBe(413);
    expect(counter.pulled).toBeLessThan(BATCH_BODY_LIMIT + 256 * 1024);
  });

  it("uploads: a Content-Length over the limit is refused at once", async () => {
    const req = post(
      `/api/v1/workspaces/${workspaceId}/runs/${runId}/artifacts/big.bin`,
      "x",
      { authorization: `Bearer ${token}`, "content-length": String(21 * 1024 ** 3) },
      "PUT",
    );
    const response = await artifactPut(req, { params: Promise.resolve({ workspaceId, runId, path: ["big.bin"] }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(TOO_LARGE("20 GiB"));
  });

  it("uploads: a streamed body past the limit stops there and leaves no temp file or row behind", async () => {
    const tmp = path.join(env().crucibleHome, "artifacts", ".tmp");
    const before = fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
    const { stream, counter } = chunkedBody(8 * 1024 * 1024);
    const req = post(`/api/v1/workspaces/${workspaceId}/runs/${runId}/artifacts/outputs/big.bin`, stream, {}, "PUT");
    const error = await uploadArtifact(workspaceId, runId, "outputs/big.bin", readBodyStream(req, 1024 * 1024)).catch(
      (e: unknown) => e,
    );
    const response = errorResponse(error);
    expect(response.status).toBe(413);
    expect(counter.pulled).toBeLessThan(2 * 1024 * 1024);
    expect(fs.readdirSync(tmp)).toEqual(before);
    expect(fs.existsSync(path.join(env().crucibleHome, "artifacts", workspaceId, runId, "outputs", "big.bin"))).toBe(
      false,
    );
  });
});
