import "server-only";
import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { readContainerFile } from "./container-files";
import { debLayer } from "./deb-layer";

const WORK = "/tmp/crucible-debs";
// The list names a handful of top-level folders (bin, lib, sbin …).
const USR_MERGED_MAX_BYTES = 64 * 1024;
const USR_MERGED_CANDIDATES = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"];

/**
 * Fetches `packages` and what they need that the image lacks, with the image's apt sources, and
 * unpacks each into an archive of its files; run unprivileged (`withUnprivilegedStage`), then
 * `debLayerOf` gives the files to put in place. Maintainer scripts do not run and dpkg's database
 * does not list these packages: that is the price of never running apt or dpkg as root.
 * Package names are checked by the spec's schema (no spaces, quotes or shell characters).
 */
export function debianPackagesCommand(packages: string[]): string[] {
  const apt = `apt-get -q -o Debug::NoLocking=1 -o Dir::State::Lists=${WORK}/lists -o Dir::Cache=${WORK}/cache -o Dir::Cache::archives=${WORK}/archives`;
  const script = [
    "set -e",
    `mkdir -p ${WORK}/lists/partial ${WORK}/cache ${WORK}/archives/partial ${WORK}/packages`,
    `${apt} update`,
    `${apt} install -y --download-only --no-install-recommends ${packages.join(" ")}`,
    `for deb in ${WORK}/archives/*.deb; do`,
    '  [ -e "$deb" ] || continue',
    '  name=$(basename "$deb" .deb)',
    `  dpkg-deb --fsys-tarfile "$deb" > "${WORK}/packages/$name.tar"`,
    '  echo "Unpacked $name"',
    "done",
    `for dir in ${USR_MERGED_CANDIDATES.join(" ")}; do`,
    '  if [ "$(readlink "/$dir")" = "usr/$dir" ]; then echo "$dir"; fi',
    `done > ${WORK}/usr-merged`,
  ].join("\n");
  return ["/bin/sh", "-c", script];
}

/** The unpacked packages' files from the stage's container, as one archive to put at /. */
export async function debLayerOf(container: Docker.Container): Promise<Readable> {
  const list = await readContainerFile(container, `${WORK}/usr-merged`, USR_MERGED_MAX_BYTES);
  const usrMerged = new Set((list ?? "").split(/\s+/).filter(Boolean));
  const packages = (await container.getArchive({ path: `${WORK}/packages` })) as unknown as Readable;
  return debLayer(packages, usrMerged);
}
