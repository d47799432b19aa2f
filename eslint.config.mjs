import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      "server/generated/",
      "test-results/",
      ".crucible*/",
      "next-env.d.ts",
      "*.config.js",
      ".dependency-cruiser.cjs",
      "bin/*.cjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Only server/env.ts reads the environment; config files and scripts run before it exists.
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through server/env.ts",
        },
      ],
    },
  },
  {
    // The CLI is a separate program with its own configuration (the same variables the SDK reads).
    files: [
      "server/env.ts",
      "scripts/**",
      "bench/**",
      "tests/**",
      "e2e/**",
      "*.config.ts",
      "server/database/**",
      "cli/**",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
);
