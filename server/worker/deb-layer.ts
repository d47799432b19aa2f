import type { Readable } from "node:stream";
import type { Header } from "tar-stream";
import { innerArchives, rewriteArchives } from "./rewrite-archives";

/**
 * One archive of every file the packages hold, as dpkg would unpack them (owners, modes, links),
 * from an archive of the packages' own file archives (`dpkg-deb --fsys-tarfile`). Paths under a
 * folder the image merged into /usr (`usrMerged`: "bin", "lib", ...) are moved there: the engine
 * would otherwise replace the image's `/bin -> usr/bin` link with a folder of one package's files.
 */
export function debLayer(packages: Readable, usrMerged: ReadonlySet<string>): Readable {
  return rewriteArchives(innerArchives(packages), (header) => layerHeader(header, usrMerged));
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
