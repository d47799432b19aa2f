import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import path from "node:path";
import { env } from "../env";
import { readOrCreateSecretFile } from "./secret-file";

// Secrets at rest (TLS client keys of Docker hosts) are sealed with AES-256-GCM; the stored form
// is "v1:<iv>:<tag>:<ciphertext>" in base64 so a later key scheme can be told apart.
let cachedKey: Buffer | undefined;

function secretKey(): Buffer {
  if (cachedKey) return cachedKey;
  const configured = env().CRUCIBLE_SECRET_KEY;
  cachedKey = parseKey(
    configured ??
      readOrCreateSecretFile(path.join(env().crucibleHome, "secret.key"), () => randomBytes(32).toString("hex")),
  );
  return cachedKey;
}

function parseKey(raw: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) throw new Error("CRUCIBLE_SECRET_KEY must be 32 bytes, as 64 hex digits or base64");
  return key;
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(":");
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(":");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("Unreadable sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", secretKey(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
}
