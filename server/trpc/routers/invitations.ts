import { z } from "zod";
import { acceptInvitation } from "../../services/members/accept-invitation";
import { describeInvitation } from "../../services/members/describe-invitation";
import { ZPassword, ZPersonName } from "../schemas";
import { publicProcedure, router } from "../trpc";

// Public on purpose: the invitation's secret token is the credential.
const ZInvitationToken = z.string().regex(/^inv_[A-Za-z0-9_-]{20,}$/, "Not an invitation token");

export const invitationsRouter = router({
  describe: publicProcedure
    .meta({
      openapi: {
        protect: false,
        method: "GET",
        path: "/invitations/{token}",
        tags: ["members"],
        summary: "What an invitation link offers",
      },
    })
    .input(z.object({ token: ZInvitationToken }))
    .output(z.object({ email: z.string(), workspaceName: z.string(), roleLabel: z.string(), expiresAt: z.date() }))
    .query(({ input }) => describeInvitation(input.token)),

  accept: publicProcedure
    .meta({
      openapi: {
        protect: false,
        method: "POST",
        path: "/invitations/{token}/accept",
        tags: ["members"],
        summary: "Accept an invitation: create the account and join",
      },
    })
    .input(z.object({ token: ZInvitationToken, name: ZPersonName, password: ZPassword }))
    .output(z.object({ email: z.string(), workspaceId: z.string(), workspaceName: z.string() }))
    .mutation(({ input }) => acceptInvitation(input.token, input.name, input.password)),
});
