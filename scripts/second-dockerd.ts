import { execSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import Docker from "dockerode";

export const BASE_IMAGE = "crucible-base:bookworm";

/** Mounts a crashed engine left behind (overlay layers, netns) would keep its folder busy. */
function unmountUnder(dir: string): void {
  const mounts = readFileSync("/proc/mounts", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[1] ?? "")
    .filter((mountPoint) => mountPoint.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const mountPoint of mounts)
    execSync(`umount -l ${JSON.stringify(mountPoint)} || true`, { stdio: "ignore", shell: "/bin/bash" });
}

export type TSecondDockerdOptions = {
  /** Copy the base image over (no registry to pull from); default true. */
  withBaseImage?: boolean;
  /** Also listen on tcp://127.0.0.1:port, requiring client certificates signed by `caFile`. */
  tls?: { port: number; caFile: string; certFile: string; keyFile: string };
};

/**
 * A second Docker engine on its own socket and data folder, as a second host would be, for the
 * placement and TLS tests and the benchmarks. Needs root, as dockerd does.
 */
export async function startSecondDockerd(
  dir: string,
  options: TSecondDockerdOptions = {},
): Promise<{ endpoint: string; stop: () => Promise<void>; crash: () => void; sweep: () => void }> {
  unmountUnder(dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const socket = `${dir}/docker.sock`;
  const child: ChildProcess = spawn(
    "dockerd",
    [
      `--host=unix://${socket}`,
      `--data-root=${dir}/data`,
      `--exec-root=${dir}/exec`,
      `--pidfile=${dir}/docker.pid`,
      "--bridge=none",
      "--iptables=false",
      "--ip-masq=false",
      ...(options.tls
        ? [
            `--host=tcp://127.0.0.1:${options.tls.port}`,
            "--tlsverify",
            `--tlscacert=${options.tls.caFile}`,
            `--tlscert=${options.tls.certFile}`,
            `--tlskey=${options.tls.keyFile}`,
          ]
        : []),
    ],
    // Its own process group, so a crash can be staged by killing dockerd and containerd at once.
    { stdio: "ignore", detached: true },
  );
  const docker = new Docker({ socketPath: socket });
  for (
    let waited = 0;
    !(await docker.ping().then(
      () => true,
      () => false,
    ));
    waited += 250
  ) {
    if (waited > 60_000) throw new Error("The second dockerd did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  if (options.withBaseImage !== false)
    execSync(`docker save ${BASE_IMAGE} | docker -H unix://${socket} load`, { stdio: "ignore", shell: "/bin/bash" });
  return {
    endpoint: `unix://${socket}`,
    crash: () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
    },
    /** After a crash: the container shims it left behind go too. */
    sweep: () => {
      // "exe[c]" so the pattern does not match the shell that runs pkill.
      execSync(`pkill -9 -f '${dir}/exe[c]' || true`, { stdio: "ignore", shell: "/bin/bash" });
      unmountUnder(dir);
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      for (const c of await docker.listContainers({ all: true }))
        await docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined);
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
