import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      // Outside Next's react-server build, "server-only" throws on import; tests are server code.
      { find: /^server-only$/, replacement: path.resolve("tests/helpers/empty-module.ts") },
      { find: /^@\/(.*)$/, replacement: `${path.resolve(".")}/$1` },
    ],
  },
  test: {
    include: ["server/**/*.test.ts", "components/**/*.test.ts", "cli/**/*.test.ts", "tests/**/*.test.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
