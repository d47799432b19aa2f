/** Import rules checked in CI: no cycles, and the layers of STYLE.md. */
// tRPC and Next.js: what services and the worker must not know.
const API_LAYERS = "(^server/trpc/|node_modules/(@trpc|next)/)";

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
    {
      name: "components-not-to-server",
      comment: "Client code may use server types, never server modules.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^server/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "components-not-to-app",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "server-not-to-ui",
      comment: "Services, the worker and the API never reach into routes or UI.",
      severity: "error",
      from: { path: "^server/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "services-free-of-api-layers",
      comment: "Services are shared by tRPC, REST, the CLI and the worker, so they know none of them.",
      severity: "error",
      from: { path: "^server/services/" },
      to: { path: API_LAYERS },
    },
    {
      name: "worker-not-to-api-layers",
      comment: "The worker imports server/ only, never the API layers.",
      severity: "error",
      from: { path: "^server/worker/" },
      to: { path: API_LAYERS },
    },
    {
      name: "cli-is-a-client",
      comment: "The CLI speaks the REST API; it shares no code with the server.",
      severity: "error",
      from: { path: "^cli/" },
      to: { path: "^(server|app|components)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^server/generated/|\\.next/)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
