import { PassThrough, type Readable } from "node:stream";
import { extract, type Header, pack } from "tar-stream";

/**
 * One archive of every file the packages hold, as dpkg would unpack them (owners, modes, links),
 * from an archive of the packages' own file archives (`dpkg-deb --fsys-tarfile`). Paths under a
 * folder the image merged into /usr (`usrMerged`: "bin", "lib", ...) are moved there: the engine
 * would otherwise replace the image's `/bin -> usr/bin` link with a folder of one package's files.
 */
export function debLayer(packages: Readable, usrMerged: ReadonlySet<string>): Readable {
  const layer = pack();
  const out = new PassThrough();
  layer.pipe(out);
  // An archive that breaks off errors on its own stream (and the pipes pass errors on to the
  // others), which no loop below may be awaiting: every stream reports to `failure`.
  let fail: (error: Error) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => undefined);
  void (async () => {
    const outer = extract();
    for (const stream of [packages, outer, layer]) stream.on("error", fail);
    packages.pipe(outer);
    for await (const entry of outer) {
      if (entry.header.type !== "file" || !entry.header.name.endsWith(".tar")) {
        entry.resume();
        continue;
      }
      const inner = extract();
      for (const stream of [entry, inner]) stream.on("error", fail);
      entry.pipe(inner);
      for await (const file of inner) {
        const header = layerHeader(file.header, usrMerged);
        if (!header) {
          file.resume();
          continue;
        }
        file.on("error", fail);
        const copied = new Promise<void>((resolve, reject) => {
          const sink = layer.entry(header, (error) => (error ? reject(error) : resolve()));
          sink.on("error", fail);
          file.pipe(sink);
        });
        await Promise.race([copied, failure]);
      }
    }
    layer.finalize();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** The header a package's entry gets in the layer; null for the archive's root ("./"). */
export function layerHeader<H extends Pick<Header, "name"> & Partial<Pick<Header, "type" | "linkname">>>(
  header: H,
  usrMerged: ReadonlySet<string>,
): H | null {
  const name = underUsr(header.name, usrMerged);
  if (name === "") return null;
  const moved: H = { ...header, name };
  // A hard link names its target by path too; a symbolic link's target is resolved in the image.
  if (header.type === "link" && header.linkname) moved.linkname = underUsr(header.linkname, usrMerged);
  return moved;
}

function underUsr(entryPath: string, usrMerged: ReadonlySet<string>): string {
  const relative = entryPath.replace(/^\.?\/+/, "").replace(/^\.$/, "");
  const top = relative.split("/")[0] ?? "";
  return usrMerged.has(top) ? `usr/${relative}` : relative;
}
