import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { callerFor, createUser, workspaceWithRoles } from "./helpers/actors";

type TCaller = ReturnType<typeof callerFor>;

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

// The Test tab's call goes through the scoring router as the member: no key, and the router's
// own answers (not thrown errors) come back as status and body.
describe("endpoints.test", () => {
  let workspaceId: string;
  let owner: TCaller;
  let contributor: TCaller;
  let reader: TCaller;
  let otherWorkspaceId: string;

  beforeAll(async () => {
    const ownerUser = await createUser("owner");
    const { workspace, members } = await workspaceWithRoles(ownerUser);
    workspaceId = workspace.id;
    owner = callerFor(ownerUser);
    contributor = callerFor(members.Contributor);
    reader = callerFor(members.Reader);
    await owner.endpoints.create({ workspaceId, name: "scorer", auth_mode: "token" });
    const other = await owner.workspaces.create({ name: `other-${Date.now()}` });
    otherWorkspaceId = other.id;
  });

  it("answers as the router does for a token-mode endpoint without a token", async () => {
    const answer = await contributor.endpoints.test({ workspaceId, endpointName: "scorer", body: '{"data": [1]}' });
    expect(answer.status).toBe(503);
    expect(answer.deployment).toBeNull();
    expect(JSON.parse(answer.body)).toEqual({
      code: "SERVICE_UNAVAILABLE",
      message:
        "Endpoint 'scorer' sends no traffic to any deployment; set its traffic, or name one in the x-crucible-deployment header",
    });
  });

  it("names the missing deployment picked by the header", async () => {
    const answer = await contributor.endpoints.test({
      workspaceId,
      endpointName: "scorer",
      body: "{}",
      deployment: "blue",
    });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body).message).toBe("Endpoint 'scorer' has no deployment named 'blue'");
  });

  it("refuses a body that is not JSON, a Reader, and an endpoint of another workspace", async () => {
    expect(await refusal(contributor.endpoints.test({ workspaceId, endpointName: "scorer", body: "{oops" }))).toEqual(
      expect.objectContaining({ code: "BAD_REQUEST", message: expect.stringContaining("not valid JSON") }),
    );
    expect(await refusal(reader.endpoints.test({ workspaceId, endpointName: "scorer", body: "{}" }))).toEqual({
      code: "FORBIDDEN",
      message: "Missing permission: endpoint:invoke",
    });
    const elsewhere = await owner.endpoints.test({ workspaceId: otherWorkspaceId, endpointName: "scorer", body: "{}" });
    expect(elsewhere.status).toBe(404);
    expect(JSON.parse(elsewhere.body).message).toBe("Online endpoint 'scorer' not found");
  });
});
