import "server-only";
import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { extract } from "tar-stream";
import { buildContainerOptions, type TBuildContainerPlan } from "./build-container";
import { JOB_USER } from "./container-config";
import { debLayer } from "./deb-layer";
import { abortIfAborted, runToEnd } from "./run-build-step";

const WORK = "/tmp/crucible-debs";
const USR_MERGED_CANDIDATES = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"];

export type TPackageFetch = {
  docker: Docker;
  name: string;
  /** The image whose apt sources and installed packages decide what is fetched. */
  from: string;
  packages: string[];
  networkMode: string;
  limits: TBuildContainerPlan["limits"];
  labels: Record<string, string>;
  emit: (text: string) => void;
  signal: AbortSignal;
};

/**
 * Fetches `packages` and what they need that `from` lacks, with the image's apt sources, as the
 * job's user with no capabilities, and unpacks each into an archive of its files. `putLayer` gets them
 * all as one archive to put at / (the engine, not a process in the build, gives the files their
 * owners). So no build step needs root's powers; the price is that maintainer scripts do not run
 * and dpkg's database does not list these packages.
 */
export async function withDebianPackages<T>(
  fetch: TPackageFetch,
  putLayer: (layer: Readable) => Promise<T>,
): Promise<T> {
  const { docker, signal } = fetch;
  abortIfAborted(signal);
  const container = await docker.createContainer(
    buildContainerOptions({
      name: fetch.name,
      image: fetch.from,
      command: ["/bin/sh", "-c", fetchScript(fetch.packages)],
      user: JOB_USER,
      networkMode: fetch.networkMode,
      limits: fetch.limits,
      labels: fetch.labels,
    }),
  );
  const onAbort = () => void container.remove({ force: true }).catch(() => undefined);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    await runToEnd(container, "fetching os_packages", fetch.emit, signal);
    const usrMerged = new Set((await readFile(container, `${WORK}/usr-merged`)).split(/\s+/).filter(Boolean));
    const packages = (await container.getArchive({ path: `${WORK}/packages` })) as unknown as Readable;
    return await putLayer(debLayer(packages, usrMerged));
  } finally {
    signal.removeEventListener("abort", onAbort);
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** Package names are checked by the spec's schema (no spaces, quotes or shell characters). */
function fetchScript(packages: string[]): string {
  const apt = `apt-get -q -o Debug::NoLocking=1 -o Dir::State::Lists=${WORK}/lists -o Dir::Cache=${WORK}/cache -o Dir::Cache::archives=${WORK}/archives`;
  return [
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
}

async function readFile(container: Docker.Container, filePath: string): Promise<string> {
  const archive = (await container.getArchive({ path: filePath })) as unknown as Readable;
  const entries = extract();
  archive.pipe(entries);
  let text = "";
  for await (const entry of entries) {
    for await (const chunk of entry) text += (chunk as Buffer).toString("utf8");
  }
  return text;
}
