import { z } from "zod";
import { ZDataVersionView } from "../../services/data/version-view";

export const ZUploadFileState = z.object({
  index: z.number(),
  path: z.string(),
  size: z.number(),
  received: z.number(),
});

export const ZUploadSession = z.object({ uploadId: z.string(), expiresAt: z.date(), files: z.array(ZUploadFileState) });

export const ZCommittedVersion = ZDataVersionView.extend({
  upload: z.object({
    newBytes: z.number(),
    alreadyStoredBytes: z.number(),
    newFiles: z.number(),
    alreadyStoredFiles: z.number(),
  }),
});

export const ZDataAssetSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.record(z.string(), z.string()),
  versionCount: z.number(),
  latest: ZDataVersionView,
});

export const ZDataAssetView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.record(z.string(), z.string()),
  createdAt: z.date(),
  versions: z.array(ZDataVersionView.extend({ createdByName: z.string().nullable() })),
});
