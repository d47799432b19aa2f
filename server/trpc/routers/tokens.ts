import { z } from "zod";
import { createApiToken } from "../../services/tokens/create-api-token";
import { listApiTokens } from "../../services/tokens/list-api-tokens";
import { revokeApiToken } from "../../services/tokens/revoke-api-token";
import { DONE, ZDone, ZExpiresInDays, ZTokenName } from "../schemas";
import { router, userProcedure } from "../trpc";

const ZTokenSummary = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
});

export const tokensRouter = router({
  list: userProcedure
    .meta({ openapi: { method: "GET", path: "/tokens", tags: ["auth"], summary: "The caller's personal API tokens" } })
    .input(z.object({}).optional())
    .output(z.array(ZTokenSummary.extend({ lastUsedAt: z.date().nullable() })))
    .query(({ ctx }) => listApiTokens(ctx.caller.userId)),

  create: userProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/tokens",
        tags: ["auth"],
        summary: "Create a personal API token (shown once); one created with a token expires no later than it",
      },
    })
    .input(z.object({ name: ZTokenName, expiresInDays: ZExpiresInDays }))
    .output(ZTokenSummary.extend({ token: z.string() }))
    .mutation(({ ctx, input }) => {
      // A token's caller may only make tokens that expire no later than its own.
      const parent = ctx.caller.via === "token" ? { expiresAt: ctx.caller.tokenExpiresAt ?? null } : undefined;
      return createApiToken(ctx.caller.userId, input.name, input.expiresInDays, parent);
    }),

  revoke: userProcedure
    .meta({ openapi: { method: "DELETE", path: "/tokens/{tokenId}", tags: ["auth"], summary: "Revoke a token" } })
    .input(z.object({ tokenId: z.string().min(1) }))
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await revokeApiToken(ctx.caller.userId, input.tokenId);
      return DONE;
    }),
});
