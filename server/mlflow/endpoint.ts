import type { z } from "zod";
import type { Action } from "../rbac/actions";
import type { TMlflowContext } from "./mlflow-context";

/** The run a request acts on when its body does not name one (a logged model's source run). */
export type TRunOf = (ctx: TMlflowContext, raw: Record<string, unknown>) => Promise<string | undefined>;

/** One MLflow REST endpoint: the action it needs, its request schema, and its handler. */
export type TEndpoint = {
  methods: readonly ("GET" | "POST" | "PATCH" | "DELETE")[];
  action: Action;
  input: z.ZodType;
  handle: (ctx: TMlflowContext, input: never) => Promise<unknown>;
  runOf?: TRunOf;
};

export function endpoint<S extends z.ZodType>(
  methods: TEndpoint["methods"],
  action: Action,
  input: S,
  handle: (ctx: TMlflowContext, input: z.output<S>) => Promise<unknown>,
  runOf?: TRunOf,
): TEndpoint {
  return { methods, action, input, handle: handle as TEndpoint["handle"], runOf };
}
