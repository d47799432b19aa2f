import type { Prisma } from "../../generated/prisma/client";

/** What an audit entry says of a datastore: where it points, never its credentials. */
export function auditDetails(row: {
  name: string;
  type: string;
  folder: string | null;
  endpoint: string | null;
  bucket: string | null;
  prefix: string;
}): Prisma.InputJsonObject {
  return row.type === "s3"
    ? { name: row.name, type: row.type, endpoint: row.endpoint, bucket: row.bucket, prefix: row.prefix }
    : { name: row.name, type: row.type, folder: row.folder };
}
