import "server-only";
import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { rewriteArchives } from "./rewrite-archives";

/** Where the build puts the wheels (packWheels) for the install to read. */
export const WHEELS_PATH = "/tmp/crucible-wheels";
const STAGE_ROOT = "/tmp/crucible-python-root";

/**
 * Installs the wheels under a folder standing for / (pip's `--root`), with no network and run
 * unprivileged (`withUnprivilegedStage`); `pythonLayerOf` then gives the files, owned by root, to
 * put in place. pip comes as a wheel among the others, so the image needs no pip of its own.
 * Every requirement is installed as resolved, even one the image's Debian packages already hold:
 * removing those would need root, and /usr/local comes first on Python's path anyway.
 */
export function pythonPackagesCommand(): string[] {
  return [
    "/bin/sh",
    "-c",
    `python3 "$(ls ${WHEELS_PATH}/pip-*.whl | head -n 1)/pip" install --no-index --find-links ${WHEELS_PATH} --no-cache-dir --break-system-packages --disable-pip-version-check --no-warn-script-location --ignore-installed --root ${STAGE_ROOT} -r ${WHEELS_PATH}/requirements.txt`,
  ];
}

/** The installed files from the stage's container, as one archive to put at /, owned by root. */
export async function pythonLayerOf(container: Docker.Container): Promise<Readable> {
  const archive = (await container.getArchive({ path: STAGE_ROOT })) as unknown as Readable;
  return rewriteArchives([archive], (header) => {
    // The engine names entries after the folder asked for: "crucible-python-root/usr/...".
    const name = withoutTop(header.name);
    if (name === "") return null;
    const linkname = header.type === "link" && header.linkname ? withoutTop(header.linkname) : header.linkname;
    return { ...header, name, linkname, uid: 0, gid: 0, uname: "root", gname: "root" };
  });
}

function withoutTop(entryPath: string): string {
  return entryPath.replace(/^\/*[^/]+\/?/, "");
}
