import { NextRequest } from "next/server";
import { handlers } from "@/server/auth/auth";
import { errorResponse } from "@/server/http/error-response";
import { readBody } from "@/server/http/read-body";

/** Sign-in forms and callbacks, their bodies read within the route's limit before Auth.js parses them. */
async function POST(req: NextRequest) {
  let body: Buffer<ArrayBuffer>;
  try {
    body = await readBody(req);
  } catch (error) {
    return errorResponse(error);
  }
  return handlers.POST(new NextRequest(req.url, { method: req.method, headers: req.headers, body }));
}

export const { GET } = handlers;
export { POST };
