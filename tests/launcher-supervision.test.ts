import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { restartDelayMs } from "../scripts/restart-delay";
import { waitFor } from "./helpers/wait-for";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the launcher's restart delay", () => {
  it("doubles from 1 s up to a minute", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(restartDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000,
    ]);
  });
});

// `next dev` stands in for the built studio (which needs `next build`): what is under test is the
// launcher's supervision of its two processes, the same in both modes.
describe("the launcher", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "crucible-launcher-"));
  // As root the database runs as the postgres user, which must reach into the home.
  fs.chmodSync(home, 0o755);
  let launcher: ChildProcess | null = null;
  let output = "";
  afterAll(() => {
    // Its own process group: whatever is left of it (next dev's own server) goes too.
    if (launcher?.pid) {
      try {
        process.kill(-launcher.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    fs.rmSync(home, { recursive: true, force: true });
  });

  // A failure shows what the launcher printed (`next dev` refuses to start beside another in the same checkout).
  const pidAfter = (pattern: RegExp, from = 0) =>
    waitFor(`${pattern}`, async () => Number(pattern.exec(output.slice(from))?.[1]) || null, 90_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}; the launcher printed:\n${output}`);
      },
    );

  it(
    "restarts a killed worker, and stops the database and exits non-zero when the studio dies",
    { timeout: 240_000 },
    async () => {
      const port = await freePort();
      launcher = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/launch.ts", "dev"], {
        env: {
          ...process.env,
          PORT: String(port),
          CRUCIBLE_HOME: home,
          DATABASE_URL: "",
          CRUCIBLE_LOCAL_DOCKER: "unix:///nonexistent.sock",
          NEXT_TELEMETRY_DISABLED: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      launcher.stdout!.on("data", (d) => (output += String(d)));
      launcher.stderr!.on("data", (d) => (output += String(d)));
      const exited = new Promise<number | null>((resolve) => launcher!.once("exit", (code) => resolve(code)));

      const studio = await pidAfter(/studio at \S+ \(pid (\d+)\)/);
      const first = await pidAfter(/worker started \(pid (\d+)\)/);
      await waitFor("the worker to run", async () => /worker \S+ started/.test(output), 90_000);
      const mark = output.length;
      process.kill(first, "SIGKILL");
      const second = await pidAfter(/worker started \(pid (\d+)\)/, mark);
      expect(second).not.toBe(first);
      expect(output.slice(mark)).toContain(`worker (pid ${first}) was killed by SIGKILL; restarting it in 1 s`);

      const postmaster = Number(
        fs.readFileSync(path.join(home, "postgres", "data", "postmaster.pid"), "utf8").split("\n")[0],
      );
      expect(isAlive(postmaster)).toBe(true);
      process.kill(studio, "SIGKILL");
      expect(await exited).not.toBe(0);
      expect(output).toContain(`studio (pid ${studio}) was killed by SIGKILL; stopping the worker and the database`);
      expect(isAlive(second)).toBe(false);
      expect(isAlive(postmaster)).toBe(false);
      expect(fs.existsSync(path.join(home, "postgres", "data", "postmaster.pid"))).toBe(false);
    },
  );
});
