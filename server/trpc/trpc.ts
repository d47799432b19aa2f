import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { z, ZodError, ZodRealError } from "zod";
import { AppError } from "../errors";
import { authorizeWorkspace } from "../auth/authorize-workspace";
import type { Action } from "../rbac/actions";
import { assertCanSite, type SiteAction } from "../rbac/site";
import type { TContext } from "./context";
import { formatIssues } from "../format-issues";
import { findNulCharacter } from "../find-nul-character";

/** Who may call a procedure. Every procedure carries one; a test fails on any that does not. */
export type TAccess =
  { kind: "public" } | { kind: "user" } | { kind: "workspace"; action: Action } | { kind: "site"; action: SiteAction };
export type TMeta = OpenApiMeta & { access?: TAccess };

const t = initTRPC
  .context<TContext>()
  .meta<TMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const issues = error.cause instanceof ZodError ? error.cause.issues : null;
      return {
        ...shape,
        data: {
          ...shape.data,
          stack: undefined,
          fieldErrors: issues ? z.flattenError(error.cause as ZodError).fieldErrors : null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns the errors services throw into API errors; anything else is a 500 whose details stay in the log. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof ZodError) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `Invalid input: ${formatIssues(cause.issues)}`, cause });
  }
  if (cause instanceof AppError) throw new TRPCError({ code: cause.code, message: cause.message, cause });
  if ((cause as { code?: string } | undefined)?.code === "P2025")
    throw new TRPCError({ code: "NOT_FOUND", message: "Not found" });
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    console.error(result.error);
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal error" });
  }
  return result;
});

/** U+0000 cannot be stored in PostgreSQL text: refused as invalid input, before anything is written. */
const refuseNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  const path = findNulCharacter(await getRawInput());
  if (!path) return next();
  const issue = {
    code: "custom" as const,
    path,
    message: "Must not contain the NUL character (\\u0000)",
    input: undefined,
  };
  // The Error-derived ZodError, which tRPC keeps as the cause (it wraps anything else).
  throw new TRPCError({ code: "BAD_REQUEST", cause: new ZodRealError([issue]) });
});

export const publicProcedure = t.procedure
  .meta({ access: { kind: "public" } })
  .use(mapErrors)
  .use(refuseNulCharacters);

export const userProcedure = t.procedure
  .meta({ access: { kind: "user" } })
  .use(mapErrors)
  .use(refuseNulCharacters)
  .use(({ ctx, meta, next }) => {
    if (!ctx.caller) {
      throw new TRPCError({
        code: "UNAUTHORIZED",
        message: ctx.isBadToken ? "Invalid or expired token" : "Sign in required",
      });
    }
    if (ctx.caller.scope && meta?.access?.kind === "user") {
      throw new TRPCError({ code: "FORBIDDEN", message: "A run-scoped token acts only on its run" });
    }
    return next({ ctx: { ...ctx, caller: ctx.caller, actor: { userId: ctx.caller.userId, email: ctx.caller.email } } });
  });

/** The one way into workspace data: the caller's membership, loaded once and checked for `action`. */
export const workspaceProcedure = (action: Action) =>
  userProcedure
    .meta({ access: { kind: "workspace", action } })
    .input(z.object({ workspaceId: z.string().min(1) }))
    .use(async ({ ctx, input, getRawInput, next }) => {
      // The run a procedure acts on, for run-scoped tokens; every run procedure names it `runId`.
      const raw = (await getRawInput()) as { runId?: unknown } | undefined;
      const runId = typeof raw?.runId === "string" ? raw.runId : undefined;
      const access = await authorizeWorkspace(ctx.caller, input.workspaceId, action, runId);
      return next({ ctx: { ...ctx, workspace: access.workspace, role: access.role } });
    });

/** Site administration (hosts, users, settings): admins only, checked by the same RBAC module; never a run's token. */
export const adminProcedure = (action: SiteAction) =>
  userProcedure.meta({ access: { kind: "site", action } }).use(({ ctx, next }) => {
    assertCanSite(ctx.caller, action);
    return next();
  });
