import "server-only";
import { generateOpenApiDocument } from "trpc-to-openapi";
import { describeInputIssues } from "./describe-input-issues";
import { appRouter } from "./root";

let cached: ReturnType<typeof generateOpenApiDocument> | undefined;

export function openApiDocument(baseUrl: string) {
  cached ??= describeInputIssues(
    generateOpenApiDocument(appRouter, {
      title: "Crucible REST API",
      version: "1",
      baseUrl,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A personal API token (POST /auth/token)" },
      },
    }),
  );
  return { ...cached, servers: [{ url: baseUrl }] };
}
