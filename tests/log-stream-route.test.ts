import { describe, expect, it } from "vitest";
import { GET } from "../app/api/v1/runs/[runId]/logs/stream/route";
import { createApiToken } from "../server/services/tokens/create-api-token";
import { MAX_STREAMS_PER_USER } from "../server/streams/stream-slots";
import { ownerWorkspace } from "./helpers/actors";

describe("the log stream route", () => {
  it(`lets one user hold at most ${MAX_STREAMS_PER_USER} streams at once, and frees a slot when a stream closes`, async () => {
    const { user, workspaceId, owner } = await ownerWorkspace();
    const { id: runId } = await owner.runs.create({ workspaceId, experimentName: "streams" });
    const { token } = await createApiToken(user.id, "streams");
    const open = () => {
      const abort = new AbortController();
      const request = new Request(`http://studio.test/api/v1/runs/${runId}/logs/stream`, {
        headers: { authorization: `Bearer ${token}` },
        signal: abort.signal,
      });
      // The request is kept: undici ties its signal to `abort` through a weak reference, and a
      // collected request would never hear the abort (nor give its slot back).
      return { abort, request, response: GET(request, { params: Promise.resolve({ runId }) }) };
    };
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) {
      const stream = open();
      expect((await stream.response).status).toBe(200);
      streams.push(stream);
    }
    const refused = await open().response;
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    streams[0]!.abort.abort();
    const again = open();
    expect((await again.response).status).toBe(200);
    for (const stream of [...streams, again]) stream.abort.abort();
  });
});
