import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

/** A project as the project page has it. */
export type TProject = inferRouterOutputs<AppRouter>["labeling"]["byName"];
