import { z } from "zod";
import { listWorkspaces } from "../../services/workspaces/list-workspaces";
import { router, userProcedure } from "../trpc";

export const meRouter = router({
  whoami: userProcedure
    .meta({ openapi: { method: "GET", path: "/whoami", tags: ["auth"], summary: "The caller and their workspaces" } })
    .input(z.object({}).optional())
    .output(
      z.object({
        user: z.object({ id: z.string(), email: z.string(), name: z.string(), isAdmin: z.boolean() }),
        via: z.enum(["session", "token"]),
        workspaces: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
      }),
    )
    .query(async ({ ctx }) => {
      const workspaces = await listWorkspaces(ctx.caller.userId);
      const { userId, email, name, isAdmin, via } = ctx.caller;
      return {
        user: { id: userId, email, name, isAdmin },
        via,
        workspaces: workspaces.map(({ id, name, role }) => ({ id, name, role })),
      };
    }),
});
