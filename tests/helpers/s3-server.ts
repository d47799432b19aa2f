import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { freePort } from "../../bench/free-port";
import { s3Client, type TS3Target } from "../../server/storage/s3-artifact-store";
import { waitFor } from "./wait-for";

const BINARY = path.resolve(".crucible-tools", "bin", "versitygw");

export type TS3Server = { target: TS3Target; stop: () => Promise<void> };

/**
 * A real S3 server (versitygw, built by scripts/system/install-s3-server.sh) on a free loopback
 * port, storing in a temp folder, with one empty bucket and credentials of its own.
 */
export async function startS3Server(): Promise<TS3Server> {
  if (!fs.existsSync(BINARY))
    throw new Error(`No S3 server at ${BINARY}: run bash scripts/system/install-s3-server.sh`);
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), "crucible-s3-"));
  await fsp.mkdir(path.join(root, "data"));
  await fsp.mkdir(path.join(root, "meta"));
  const port = await freePort();
  const target: TS3Target = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: "crucible-test",
    prefix: "",
    region: "us-east-1",
    isPathStyle: true,
    accessKeyId: `AKTEST${randomBytes(6).toString("hex").toUpperCase()}`,
    secretAccessKey: randomBytes(24).toString("base64url"),
  };
  const child: ChildProcess = spawn(
    BINARY,
    ["--port", `127.0.0.1:${port}`, "--quiet", "posix", "--sidecar", path.join(root, "meta"), path.join(root, "data")],
    {
      env: { ...process.env, ROOT_ACCESS_KEY_ID: target.accessKeyId, ROOT_SECRET_ACCESS_KEY: target.secretAccessKey },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const client = s3Client(target);
  try {
    await waitFor(
      "the S3 server",
      async () => {
        if (child.exitCode !== null) throw new Error(`versitygw exited: ${stderr}`);
        return client.send(new ListBucketsCommand({})).then(
          () => true,
          () => false,
        );
      },
      30_000,
    );
    await client.send(new CreateBucketCommand({ Bucket: target.bucket }));
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    target,
    stop: async () => {
      client.destroy();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      await fsp.rm(root, { recursive: true, force: true });
    },
  };
}
