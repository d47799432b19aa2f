import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      // Outside Next's react-server build, "server-only" throws on import; tests are server code.
      { find: /^server-only$/, replacement: path.resolve("tests/helpers/empty-module.ts") },
      // next-auth imports "next/server" without the extension Node's ESM resolver needs (it is
      // inlined below so this alias reaches it).
      { find: /^next\/server$/, replacement: "next/server.js" },
      { find: /^@\/(.*)$/, replacement: `${path.resolve(".")}/$1` },
    ],
  },
  test: {
    include: ["server/**/*.test.ts", "components/**/*.test.ts", "cli/**/*.test.ts", "tests/**/*.test.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    environment: "node",
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
