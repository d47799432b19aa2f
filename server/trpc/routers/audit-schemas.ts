import { z } from "zod";

export const ZAuditPage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      actorEmail: z.string(),
      action: z.string(),
      targetType: z.string(),
      targetId: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
      createdAt: z.date(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
