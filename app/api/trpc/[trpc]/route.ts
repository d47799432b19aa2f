import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { errorResponse } from "@/server/http/error-response";
import { readBody } from "@/server/http/read-body";
import { createContext } from "@/server/trpc/create-context";
import { appRouter } from "@/server/trpc/root";

export const dynamic = "force-dynamic";

async function handler(req: Request) {
  let request = req;
  if (req.method !== "GET" && req.method !== "HEAD") {
    try {
      // Read within the route's limit before tRPC (whose fetch adapter has none) or the caller's session.
      request = new Request(req, { body: await readBody(req) });
    } catch (error) {
      return errorResponse(error);
    }
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createContext(request),
  });
}

export { handler as GET, handler as POST };
