import "server-only";
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type Docker from "dockerode";
import { pack } from "tar-stream";
import { env } from "../env";
import { BuildError } from "./build-error";
import { containerOptions } from "./container-config";
import { DockerLogFrameParser } from "./docker-log-frames";

const run = promisify(execFile);
const DOWNLOAD_TIMEOUT_MS = 15 * 60_000;

export type TImagePython = { version: string; glibc: [number, number] | null; arch: string };

const PROBE =
  "import json, platform, sys; print(json.dumps({'version': '%d.%d' % sys.version_info[:2], 'libc': platform.libc_ver(), 'arch': platform.machine()}))";

/** The Python of an image (version, glibc, architecture), read by running it once without network. */
export async function imagePython(docker: Docker, image: string): Promise<TImagePython> {
  const container = await docker.createContainer(
    containerOptions({
      name: `crucible-probe-${randomBytes(4).toString("hex")}`,
      image,
      command: `python3 -c "${PROBE}"`,
      workingDir: "/",
      env: [],
      user: "1000:1000",
      networkMode: "none",
      limits: { cpu: 1, memoryBytes: 256 * 1024 ** 2, gpus: 0 },
      labels: {},
    }),
  );
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const frames = new DockerLogFrameParser().push(
      (await container.logs({ stdout: true, timestamps: true })) as unknown as Buffer,
    );
    const output = frames
      .map((f) => f.text)
      .join("")
      .trim();
    if (StatusCode !== 0) throw new BuildError(`The image ${image} has no working python3, which Python packages need`);
    const probe = JSON.parse(output) as { version: string; libc: [string, string]; arch: string };
    const glibc = probe.libc[0] === "glibc" ? (probe.libc[1].split(".").map(Number) as [number, number]) : null;
    return { version: probe.version, glibc, arch: probe.arch };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** The wheel platform tags an image's Python accepts, for `pip download --platform`. */
export function platformTags(python: TImagePython): string[] {
  if (!python.glibc) return [];
  const [major, minor] = python.glibc;
  const tags = [`manylinux2014_${python.arch}`];
  for (let m = 17; major === 2 && m <= minor; m++) tags.push(`manylinux_2_${m}_${python.arch}`);
  return tags;
}

/**
 * Wheels for `requirements` (and pip's own) for the image's Python, fetched on the worker's machine
 * with that machine's pip settings (its config files and PIP_* variables, as pip reads them) and
 * kept under CRUCIBLE_HOME: one folder per requirements and target, reused by every later build.
 * The image build then installs from them with no network. Only wheels: a package published as
 * source only is refused with pip's message.
 */
export async function fetchWheels(
  requirements: string[],
  python: TImagePython,
  log: (line: string) => void,
): Promise<string> {
  const key = createHash("sha256").update(JSON.stringify({ requirements, python })).digest("hex").slice(0, 24);
  const dir = path.join(env().crucibleHome, "pip-wheels", key);
  if (await exists(path.join(dir, ".complete"))) {
    log(`Python packages for this spec are cached (${requirements.length} requirement(s))`);
    return dir;
  }
  const temp = `${dir}.tmp-${randomBytes(4).toString("hex")}`;
  await fs.mkdir(temp, { recursive: true });
  try {
    await fs.writeFile(path.join(temp, "requirements.txt"), `${requirements.join("\n")}\n`);
    const platforms = platformTags(python).flatMap((tag) => ["--platform", tag]);
    const args = [
      "-m",
      "pip",
      "download",
      "--disable-pip-version-check",
      "--no-input",
      "--dest",
      temp,
      "--only-binary=:all:",
      "--python-version",
      python.version,
      "--implementation",
      "cp",
      ...platforms,
      "pip",
      "-r",
      path.join(temp, "requirements.txt"),
    ];
    log(`Fetching Python packages for Python ${python.version}: ${requirements.join(" ")}`);
    try {
      const { stdout } = await run("python3", args, { timeout: DOWNLOAD_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
      for (const line of stdout.split("\n").filter((l) => /^(Saved|Collecting|File was already)/.test(l))) log(line);
    } catch (error) {
      const detail = ((error as { stderr?: string }).stderr ?? (error as Error).message)
        .trim()
        .split("\n")
        .slice(-6)
        .join("\n");
      throw new BuildError(`Could not fetch the Python packages: ${detail}`);
    }
    await fs.rm(path.join(temp, "requirements.txt"));
    await fs.writeFile(path.join(temp, ".complete"), "");
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rename(temp, dir);
    return dir;
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** The wheels of `dir` and the requirements file, as a tar archive to put at / of a build step's container. */
export async function packWheels(dir: string, requirements: string[], into: string): Promise<NodeJS.ReadableStream> {
  const folder = into.replace(/^\/+/, "");
  const archive = pack();
  archive.entry({ name: `${folder}/`, type: "directory", mode: 0o755 });
  archive.entry({ name: `${folder}/requirements.txt`, mode: 0o644 }, `${requirements.join("\n")}\n`);
  for (const file of (await fs.readdir(dir)).filter((f) => f.endsWith(".whl"))) {
    archive.entry({ name: `${folder}/${file}`, mode: 0o644 }, await fs.readFile(path.join(dir, file)));
  }
  archive.finalize();
  return archive as unknown as NodeJS.ReadableStream;
}
