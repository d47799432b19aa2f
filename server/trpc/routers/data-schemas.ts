import { z } from "zod";
import { ZDataAssetName } from "../../services/data/data-asset-input";
import { ZDataVersionView } from "../../services/data/version-view";

/** A version in a path: its number, or `latest`. */
export const ZVersionParam = z.union([z.literal("latest"), z.coerce.number().int().min(1).max(999_999_999)]);
export const ZVersionAddress = z.object({ name: ZDataAssetName, version: ZVersionParam });

export function refOf(address: z.infer<typeof ZVersionAddress>): string {
  return address.version === "latest" ? `${address.name}@latest` : `${address.name}:${address.version}`;
}

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
  versions: z.array(ZDataVersionView),
});
