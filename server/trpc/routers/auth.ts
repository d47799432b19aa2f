import { z } from "zod";
import { clientIp } from "../../auth/client-ip";
import { env } from "../../env";
import { signUp } from "../../services/auth/sign-up";
import { verifyCredentials } from "../../services/auth/verify-credentials";
import { createApiToken } from "../../services/tokens/create-api-token";
import { ZEmail, ZExpiresInDays, ZPassword, ZPersonName, ZTokenName } from "../schemas";
import { publicProcedure, router } from "../trpc";

export const authRouter = router({
  /** For CLIs and scripts: trade an email and password for a personal API token. */
  createToken: publicProcedure
    .meta({
      openapi: {
        protect: false,
        method: "POST",
        path: "/auth/token",
        tags: ["auth"],
        summary: "Create a personal API token from email and password",
      },
    })
    .input(z.object({ email: ZEmail, password: z.string().min(1), name: ZTokenName, expiresInDays: ZExpiresInDays }))
    .output(z.object({ token: z.string(), id: z.string(), name: z.string(), expiresAt: z.date().nullable() }))
    .mutation(async ({ ctx, input }) => {
      const user = await verifyCredentials(input.email, input.password, clientIp(ctx.headers));
      const created = await createApiToken(user.id, input.name, input.expiresInDays);
      return { token: created.token, id: created.id, name: created.name, expiresAt: created.expiresAt };
    }),

  signUp: publicProcedure
    .meta({
      openapi: {
        protect: false,
        method: "POST",
        path: "/auth/signup",
        tags: ["auth"],
        summary: "Create an account (when self sign-up is on)",
      },
    })
    .input(z.object({ email: ZEmail, name: ZPersonName, password: ZPassword }))
    .output(z.object({ id: z.string(), email: z.string(), name: z.string() }))
    .mutation(({ input }) => signUp(env().CRUCIBLE_ALLOW_SIGNUP, input.email, input.name, input.password)),
});
