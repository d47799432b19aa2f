import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { extract, pack } from "tar-stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../server/db";
import { env } from "../server/env";
import { openArtifact } from "../server/services/artifacts/open-artifact";
import { packSnapshot } from "../server/services/artifacts/pack-snapshot";
import { storeFolderArchive } from "../server/services/artifacts/store-folder-archive";
import { storeSnapshot } from "../server/services/artifacts/store-snapshot";
import { uploadArtifact } from "../server/services/artifacts/upload-artifact";
import { freePort } from "../bench/free-port";
import { s3Client } from "../server/storage/s3-artifact-store";
import { callerFor, createAdmin, ownerWorkspace, workspaceWithRoles } from "./helpers/actors";
import { startS3Server, type TS3Server } from "./helpers/s3-server";

let s3: TS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.stop();
});

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString();
}

function archive(files: Record<string, string>): Readable {
  const p = pack();
  for (const [name, content] of Object.entries(files)) p.entry({ name }, content);
  p.finalize();
  return Readable.from(p).pipe(createGzip());
}

async function unpacked(stream: Readable): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for await (const entry of Readable.from(stream.pipe(createGunzip())).pipe(extract()))
    files[entry.header.name] = await text(Readable.from(entry));
  return files;
}

/** The test S3 server listens on loopback, which only a site admin may point a datastore at. */
async function adminWorkspace() {
  const admin = await createAdmin("owner");
  const { workspace } = await workspaceWithRoles(admin);
  return { owner: callerFor(admin), workspaceId: workspace.id };
}

const s3Input = (prefix: string) => ({
  type: "s3" as const,
  endpoint: s3.target.endpoint,
  bucket: s3.target.bucket,
  prefix,
  isPathStyle: true,
  accessKeyId: s3.target.accessKeyId,
  secretAccessKey: s3.target.secretAccessKey,
});

describe("datastores", () => {
  it("gives every workspace a local default named workspaceblobstore", async () => {
    const { owner, workspaceId } = await ownerWorkspace();
    const [store, ...others] = await owner.datastores.list({ workspaceId });
    expect(others).toEqual([]);
    expect(store).toMatchObject({ name: "workspaceblobstore", type: "local", isDefault: true, folder: null });
    expect(await owner.datastores.test({ workspaceId, datastoreId: store!.id })).toMatchObject({ ok: true });
  });

  it("writes new runs to an S3 default and keeps earlier files readable", async () => {
    const { owner, workspaceId } = await adminWorkspace();
    const before = await owner.runs.create({ workspaceId, experimentName: "move" });
    await uploadArtifact(workspaceId, before.id, "outputs/old.txt", Readable.from([Buffer.from("written locally")]));

    const prefix = `studio-${randomUUID().slice(0, 8)}`;
    const store = await owner.datastores.create({ workspaceId, name: "shared", ...s3Input(prefix) });
    expect(await owner.datastores.test({ workspaceId, datastoreId: store.id })).toMatchObject({ ok: true });
    await owner.datastores.setDefault({ workspaceId, datastoreId: store.id });
    const defaults = (await owner.datastores.list({ workspaceId })).filter((d) => d.isDefault);
    expect(defaults.map((d) => d.name)).toEqual(["shared"]);

    const after = await owner.runs.create({ workspaceId, experimentName: "move" });
    await uploadArtifact(workspaceId, after.id, "outputs/model.txt", Readable.from([Buffer.from("on s3")]));
    await storeSnapshot(workspaceId, after.id, archive({ "train.py": "print(1)\n" }));
    await storeSnapshot(workspaceId, after.id, archive({ "train.py": "print(2)\n", "util.py": "x = 1\n" }));

    // A job's outputs, as the worker stores them: a tar of the container's outputs/ folder.
    const outputs = pack();
    outputs.entry({ name: "outputs/metrics.json" }, '{"acc": 0.9}');
    outputs.finalize();
    expect(await storeFolderArchive(workspaceId, after.id, Readable.from(outputs))).toBe(1);

    expect(await text((await openArtifact(workspaceId, after.id, "outputs/model.txt")).stream)).toBe("on s3");
    expect(await text((await openArtifact(workspaceId, after.id, "outputs/metrics.json")).stream)).toBe('{"acc": 0.9}');
    expect(await unpacked(await packSnapshot(workspaceId, after.id))).toEqual({
      "train.py": "print(2)\n",
      "util.py": "x = 1\n",
    });
    expect(await text((await openArtifact(workspaceId, before.id, "outputs/old.txt")).stream)).toBe("written locally");

    // The bytes are in the bucket under the datastore's prefix, not in the local folder.
    const client = s3Client(s3.target);
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.target.bucket, Prefix: `${prefix}/` }));
    const keys = (listed.Contents ?? []).map((o) => o.Key!);
    client.destroy();
    expect(keys).toContain(`${prefix}/${workspaceId}/${after.id}/outputs/model.txt`);
    expect(keys.filter((k) => k.endsWith("/train.py"))).toHaveLength(1);
    expect(fs.existsSync(path.join(env().crucibleHome, "artifacts", workspaceId, after.id))).toBe(false);

    // A datastore holding runs' files, or the default, cannot go.
    const blob = (await owner.datastores.list({ workspaceId })).find((d) => d.name === "workspaceblobstore")!;
    await expect(owner.datastores.delete({ workspaceId, datastoreId: store.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await owner.datastores.setDefault({ workspaceId, datastoreId: blob.id });
    await expect(owner.datastores.delete({ workspaceId, datastoreId: store.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      owner.datastores.update({ workspaceId, datastoreId: store.id, prefix: "elsewhere" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(owner.datastores.delete({ workspaceId, datastoreId: blob.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("describes a failed connection in one sentence and refuses bad input with a typed error", async () => {
    const { owner, workspaceId } = await adminWorkspace();
    const wrong = await owner.datastores.create({
      workspaceId,
      name: "wrong-secret",
      ...s3Input("x"),
      secretAccessKey: "not-the-secret",
    });
    const result = await owner.datastores.test({ workspaceId, datastoreId: wrong.id });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/secret access key|access key/);
    const missingBucket = await owner.datastores.create({
      workspaceId,
      name: "no-bucket",
      ...s3Input(""),
      bucket: "no-such-bucket",
    });
    expect(await owner.datastores.test({ workspaceId, datastoreId: missingBucket.id })).toEqual({
      ok: false,
      message: `Bucket 'no-such-bucket' does not exist on ${s3.target.endpoint}.`,
    });
    const closed = `http://127.0.0.1:${await freePort()}`;
    const nobody = await owner.datastores.create({ workspaceId, name: "nobody", ...s3Input(""), endpoint: closed });
    expect(await owner.datastores.test({ workspaceId, datastoreId: nobody.id })).toEqual({
      ok: false,
      message: `${closed} refused the connection.`,
    });
    await expect(
      owner.datastores.create({ workspaceId, name: "half", type: "s3", endpoint: s3.target.endpoint }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(owner.datastores.create({ workspaceId, name: "bad name!", type: "local" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(owner.datastores.create({ workspaceId, name: "wrong-secret", type: "local" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // An empty datastore that is not the default goes.
    await owner.datastores.delete({ workspaceId, datastoreId: wrong.id });
  });

  it("lets only a site admin point a datastore at the studio machine's folders and own addresses", async () => {
    const { owner, workspaceId } = await ownerWorkspace();
    const folder = path.join(env().crucibleHome, `elsewhere-${randomUUID().slice(0, 8)}`);
    await expect(owner.datastores.create({ workspaceId, name: "mine", type: "local", folder })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    for (const endpoint of [s3.target.endpoint, "http://169.254.169.254", "http://[::1]:9000", "http://localhost"])
      await expect(
        owner.datastores.create({ workspaceId, name: "own", ...s3Input(""), endpoint }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const elsewhere = await owner.datastores.create({
      workspaceId,
      name: "elsewhere",
      ...s3Input(""),
      endpoint: "https://s3.example.test",
    });
    expect(elsewhere.endpoint).toBe("https://s3.example.test");
    const admin = await createAdmin();
    await db().membership.create({ data: { workspaceId, userId: admin.id, role: "Owner" } });
    const created = await callerFor(admin).datastores.create({ workspaceId, name: "mine", type: "local", folder });
    expect(created.folder).toBe(folder);
    expect(await owner.datastores.test({ workspaceId, datastoreId: created.id })).toMatchObject({ ok: true });
  });

  it("never shows credentials in API output, audit entries or logs", async () => {
    const { owner, workspaceId } = await adminWorkspace();
    const { accessKeyId, secretAccessKey } = s3.target;
    const logged: string[] = [];
    const capture =
      (original: (...a: never[]) => unknown) =>
      (...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" "));
        return (original as (...a: unknown[]) => unknown)(...args);
      };
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(capture(console[m].bind(console))),
    );
    const writes = vi.spyOn(process.stderr, "write");
    const outputs: unknown[] = [];
    try {
      const created = await owner.datastores.create({ workspaceId, name: "canary", ...s3Input("canary") });
      outputs.push(created);
      outputs.push(await owner.datastores.list({ workspaceId }));
      outputs.push(await owner.datastores.byId({ workspaceId, datastoreId: created.id }));
      outputs.push(await owner.datastores.test({ workspaceId, datastoreId: created.id }));
      outputs.push(
        await owner.datastores.update({
          workspaceId,
          datastoreId: created.id,
          description: "rotated",
          accessKeyId,
          secretAccessKey,
        }),
      );
      outputs.push(await owner.datastores.setDefault({ workspaceId, datastoreId: created.id }));
      const failing = await owner.datastores.create({
        workspaceId,
        name: "canary-wrong",
        ...s3Input("canary"),
        secretAccessKey: `${secretAccessKey}x`,
      });
      outputs.push(failing, await owner.datastores.test({ workspaceId, datastoreId: failing.id }));
      outputs.push(await owner.datastores.delete({ workspaceId, datastoreId: failing.id }));
      outputs.push(
        await owner.datastores
          .create({ workspaceId, name: "canary", ...s3Input("canary"), bucket: "Bad_Bucket" })
          .catch((e: unknown) => String(e)),
      );
    } finally {
      spies.forEach((s) => s.mockRestore());
      logged.push(...writes.mock.calls.map((c) => String(c[0])));
      writes.mockRestore();
    }
    expect(outputs.length).toBeGreaterThan(8);
    expect(JSON.stringify(outputs)).toContain('"hasCredentials":true');
    const audit = await db().auditEvent.findMany({ where: { workspaceId } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["datastore.create", "datastore.update", "datastore.setDefault", "datastore.delete"]),
    );
    const rows = await db().datastore.findMany({ where: { workspaceId } });
    for (const [what, haystack] of [
      ["API output", JSON.stringify(outputs)],
      ["audit entries", JSON.stringify(audit)],
      ["logs", logged.join("\n")],
      ["database rows", JSON.stringify(rows)],
    ] as const) {
      expect(haystack.includes(secretAccessKey), `secret in ${what}`).toBe(false);
      expect(haystack.includes(accessKeyId), `access key id in ${what}`).toBe(false);
    }
  });
});
