import type { Readable } from "node:stream";
import { extract, pack } from "tar-stream";
import { describe, expect, it } from "vitest";
import { debLayer, layerHeader } from "./deb-layer";

const MERGED = new Set(["bin", "lib"]);

/** An archive as `dpkg-deb --fsys-tarfile` writes one: "./"-relative names, root's files. */
async function packageArchive(
  entries: {
    name: string;
    type?: "file" | "directory" | "symlink" | "link";
    body?: string;
    linkname?: string;
    mode?: number;
    gid?: number;
  }[],
): Promise<Buffer> {
  const archive = pack();
  for (const { body, ...header } of entries) archive.entry({ uid: 0, gid: 0, mode: 0o755, ...header }, body ?? "");
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function entriesOf(stream: Readable) {
  const entries = extract();
  stream.on("error", (error) => entries.destroy(error));
  stream.pipe(entries);
  const seen: {
    name: string;
    type: string;
    uid: number;
    gid: number;
    mode: number;
    linkname: string | null;
    body: string;
  }[] = [];
  for await (const entry of entries) {
    let body = "";
    for await (const chunk of entry) body += (chunk as Buffer).toString();
    const { name, type, uid, gid, mode, linkname } = entry.header;
    seen.push({
      name,
      type: type ?? "file",
      uid: uid ?? -1,
      gid: gid ?? -1,
      mode: mode ?? -1,
      linkname: linkname ?? null,
      body,
    });
  }
  return seen;
}

describe("a layer of Debian packages' files", () => {
  it("moves entries under folders merged into /usr, and their hard links' targets, but not symbolic ones", () => {
    expect(layerHeader({ name: "./bin/tool", type: "file" }, MERGED)?.name).toBe("usr/bin/tool");
    expect(layerHeader({ name: "./binaries/x", type: "file" }, MERGED)?.name).toBe("binaries/x");
    expect(layerHeader({ name: "./usr/bin/jq", type: "file" }, MERGED)?.name).toBe("usr/bin/jq");
    expect(layerHeader({ name: "./sbin/x", type: "file" }, MERGED)?.name).toBe("sbin/x");
    expect(layerHeader({ name: "./bin/b", type: "link", linkname: "./bin/a" }, MERGED)?.linkname).toBe("usr/bin/a");
    expect(layerHeader({ name: "./bin/s", type: "symlink", linkname: "/bin/a" }, MERGED)?.linkname).toBe("/bin/a");
    expect(layerHeader({ name: "./", type: "directory" }, MERGED)).toBeNull();
    expect(layerHeader({ name: ".", type: "directory" }, MERGED)).toBeNull();
  });

  it("joins every package's archive into one, keeping owners, modes and contents, and skips other files", async () => {
    const first = await packageArchive([
      { name: "./", type: "directory" },
      { name: "./bin/", type: "directory" },
      { name: "./bin/tool", body: "#!/bin/sh\n", mode: 0o4755 },
      { name: "./etc/shadow-ish", body: "secret", mode: 0o640, gid: 42 },
    ]);
    const second = await packageArchive([
      { name: "./usr/lib/libx.so.1", body: "elf" },
      { name: "./usr/lib/libx.so", type: "symlink", linkname: "libx.so.1" },
    ]);
    const outer = pack();
    outer.entry({ name: "packages/", type: "directory", uid: 1000, gid: 1000 });
    outer.entry({ name: "packages/a_1_amd64.tar", uid: 1000, gid: 1000 }, first);
    outer.entry({ name: "packages/notes.txt", uid: 1000, gid: 1000 }, "not a package");
    outer.entry({ name: "packages/b_2_amd64.tar", uid: 1000, gid: 1000 }, second);
    outer.finalize();

    const layer = await entriesOf(debLayer(outer as unknown as Readable, MERGED));
    expect(
      layer.map(({ name, type, uid, gid, mode, linkname, body }) => [
        name,
        type,
        uid,
        gid,
        mode.toString(8),
        linkname,
        body,
      ]),
    ).toEqual([
      ["usr/bin/", "directory", 0, 0, "755", null, ""],
      ["usr/bin/tool", "file", 0, 0, "4755", null, "#!/bin/sh\n"],
      ["etc/shadow-ish", "file", 0, 42, "640", null, "secret"],
      ["usr/lib/libx.so.1", "file", 0, 0, "755", null, "elf"],
      ["usr/lib/libx.so", "symlink", 0, 0, "755", "libx.so.1", ""],
    ]);
  });

  it("fails the layer when an archive is cut short, rather than ending it quietly", async () => {
    const whole = await packageArchive([{ name: "./usr/bin/big", body: "x".repeat(10_000) }]);
    const outer = pack();
    outer.entry({ name: "packages/a.tar" }, whole.subarray(0, 5_000));
    outer.finalize();
    await expect(entriesOf(debLayer(outer as unknown as Readable, MERGED))).rejects.toThrow();
  });
});
