import path from "node:path";
import { z } from "zod";

// The one reader of process.env. Parsed lazily because the launcher fills in DATABASE_URL
// and AUTH_SECRET before the studio process starts.
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  CRUCIBLE_HOME: z.string().min(1).default(".crucible"),
  DATABASE_URL: z.string().url().optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  CRUCIBLE_ADMIN_EMAIL: z.string().email().optional(),
  CRUCIBLE_ADMIN_PASSWORD: z.string().min(8).optional(),
  CRUCIBLE_ALLOW_SIGNUP: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  CRUCIBLE_SESSION_MAX_AGE_S: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  CRUCIBLE_PUBLIC_URL: z.string().url().optional(),
  CRUCIBLE_OIDC_ISSUER: z.string().url().optional(),
  CRUCIBLE_OIDC_CLIENT_ID: z.string().optional(),
  CRUCIBLE_OIDC_CLIENT_SECRET: z.string().optional(),
  CRUCIBLE_OIDC_NAME: z.string().default("Single sign-on"),
  // 32 bytes as hex or base64; generated into $CRUCIBLE_HOME/secret.key when unset.
  CRUCIBLE_SECRET_KEY: z.string().min(32).optional(),
  // The address a job's container uses to reach the studio (host networking: loopback works).
  CRUCIBLE_CONTAINER_URL: z.string().url().optional(),
  // A job whose worker has not touched it for this long is adopted by another worker.
  CRUCIBLE_JOB_HEARTBEAT_S: z.coerce.number().positive().default(20),
  // A host that has not answered for this long is Offline and its runs fail.
  CRUCIBLE_HOST_OFFLINE_S: z.coerce.number().positive().default(60),
  CRUCIBLE_WORKER_POLL_MS: z.coerce.number().int().positive().default(1000),
  // Console lines a run keeps; later ones are dropped, with a notice saying how many.
  CRUCIBLE_RUN_LOG_MAX_LINES: z.coerce.number().int().positive().default(200_000),
  CRUCIBLE_LOCAL_DOCKER: z.string().default("unix:///var/run/docker.sock"),
  // `npm start` runs one worker beside the studio unless this is "false".
  CRUCIBLE_WORKER: z.enum(["true", "false"]).default("true"),
  // Behind a reverse proxy: "true" (one proxy) or the number of proxies in front of the studio,
  // whose X-Forwarded-For entries are trusted to name the client. Otherwise the header is ignored.
  CRUCIBLE_TRUST_PROXY: z
    .union([z.enum(["true", "false"]), z.coerce.number().int().min(0).max(10)])
    .default("false")
    .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : v)),
  // A worker serves only these workspaces (ids, comma-separated); unset: all of them.
  CRUCIBLE_WORKER_WORKSPACES: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : null,
    ),
});

export type TEnv = z.infer<typeof ZEnv> & { crucibleHome: string };

let cached: TEnv | undefined;

export function env(): TEnv {
  if (cached) return cached;
  // An empty variable means unset, as shells and container runtimes often pass them.
  const present = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = ZEnv.safeParse(present);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${fields}`);
  }
  cached = { ...parsed.data, crucibleHome: path.resolve(parsed.data.CRUCIBLE_HOME) };
  return cached;
}

/** For the launcher, which changes the environment before handing it to the studio. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function isOidcConfigured(e: TEnv = env()): boolean {
  return Boolean(e.CRUCIBLE_OIDC_ISSUER && e.CRUCIBLE_OIDC_CLIENT_ID && e.CRUCIBLE_OIDC_CLIENT_SECRET);
}
