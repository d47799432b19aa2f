import { z } from "zod";
import type { Datastore } from "../../generated/prisma/client";
import { openSecret } from "../../secrets/secret-box";

export const ZDatastore = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(["local", "s3"]),
  description: z.string(),
  isDefault: z.boolean(),
  /** local: null is the studio's own artifact folder. */
  folder: z.string().nullable(),
  endpoint: z.string().nullable(),
  bucket: z.string().nullable(),
  prefix: z.string(),
  region: z.string().nullable(),
  isPathStyle: z.boolean(),
  hasCredentials: z.boolean(),
  /** The access key id's last four characters, enough to tell keys apart. */
  accessKeyIdHint: z.string().nullable(),
  runCount: z.number().int(),
  /** Data and model files (content-addressed blobs) whose bytes are on this datastore. */
  blobCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TDatastore = z.infer<typeof ZDatastore>;

function hint(sealed: string | null): string | null {
  if (!sealed) return null;
  const id = openSecret(sealed);
  return id.length >= 12 ? `…${id.slice(-4)}` : "…";
}

/** What the API shows of a datastore: never a credential. */
export function datastoreView(row: Datastore & { _count: { runs: number; blobs: number } }): TDatastore {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    description: row.description,
    isDefault: row.isDefault,
    folder: row.folder,
    endpoint: row.endpoint,
    bucket: row.bucket,
    prefix: row.prefix,
    region: row.region,
    isPathStyle: row.isPathStyle,
    hasCredentials: Boolean(row.accessKeyId && row.secretAccessKey),
    accessKeyIdHint: hint(row.accessKeyId),
    runCount: row._count.runs,
    blobCount: row._count.blobs,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const WITH_COUNTS = { _count: { select: { runs: true, blobs: true } } } as const;
