import { createHash } from "node:crypto";
import { Readable, Transform } from "node:stream";
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { ArtifactStore, TStoredObject } from "./artifact-store";
import type { PrefixLocations } from "./prefix-locations";

export type TS3Target = {
  endpoint: string;
  bucket: string;
  prefix: string;
  region: string;
  isPathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
};

// Bodies past one part go up as a multipart upload; at most queueSize parts are held in memory.
const PART_SIZE = 8 * 1024 * 1024;

export function s3Client(target: TS3Target): S3Client {
  return new S3Client({
    endpoint: target.endpoint,
    region: target.region,
    forcePathStyle: target.isPathStyle,
    credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey },
    // Many S3-compatible servers refuse the SDK's newer default checksums; send them only when required.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
    // A server that does not answer fails the call instead of holding an upload open for ever.
    requestHandler: { connectionTimeout: 10_000 },
  });
}

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata.httpStatusCode === 404);

/**
 * An ArtifactStore on an S3-compatible bucket. S3 has no rename, so replacePrefix cannot move
 * objects at once; instead a prefix can be given another location in the database
 * (PrefixLocations) and the switch is one transaction: a reader resolves the old location or the
 * new, never a mix, and other studio instances on the same bucket see the switch too.
 */
export class S3ArtifactStore implements ArtifactStore {
  private readonly base: string;

  constructor(
    private readonly client: S3Client,
    private readonly target: Pick<TS3Target, "bucket" | "prefix">,
    private readonly locations: PrefixLocations,
  ) {
    const prefix = target.prefix.replace(/^\/+|\/+$/g, "");
    this.base = prefix ? `${prefix}/` : "";
  }

  private async objectKey(key: string): Promise<string> {
    return this.base + (await this.locations.locate(key));
  }

  async write(key: string, body: Readable): Promise<TStoredObject> {
    const hash = createHash("sha256");
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    body.on("error", (error) => counter.destroy(error));
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.target.bucket, Key: await this.objectKey(key), Body: body.pipe(counter) },
      partSize: PART_SIZE,
      queueSize: 2,
      // A failed multipart upload is aborted, so its parts never become an object.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      body.destroy(); // stop reading the caller's stream: nothing more will be sent
      throw error;
    }
    return { size, sha256: hash.digest("hex") };
  }

  async read(key: string) {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.target.bucket, Key: await this.objectKey(key) }),
      );
      if (!(object.Body instanceof Readable)) throw new Error("The S3 client returned no stream");
      return { stream: object.Body, size: Number(object.ContentLength ?? 0) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async stat(key: string) {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.target.bucket, Key: await this.objectKey(key) }),
      );
      return { size: Number(head.ContentLength ?? 0) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async replacePrefix(from: string, to: string): Promise<void> {
    const unused = await this.locations.swap(from, to);
    for (const location of unused) await this.deleteUnder(location);
  }

  async removePrefix(prefix: string): Promise<void> {
    // Not the raw prefix itself: after a swap it may be the location of another prefix.
    const location = await this.locations.locate(prefix, true);
    const moved = await this.locations.forget(prefix);
    for (const l of new Set([location, ...moved])) await this.deleteUnder(l);
    // A single object named by the prefix (a blob), as removing a path does on a local folder.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.target.bucket, Key: this.base + location }));
  }

  /** Deletes every object under a stored location, a page of up to 1000 keys at a time. */
  private async deleteUnder(location: string): Promise<void> {
    const Prefix = `${this.base}${location}/`;
    for (;;) {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.target.bucket, Prefix }));
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length === 0) return;
      await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.target.bucket, Delete: { Objects: keys, Quiet: true } }),
      );
      if (!page.IsTruncated) return;
    }
  }
}
