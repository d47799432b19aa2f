import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

export type TOnlineEndpoint = inferRouterOutputs<AppRouter>["endpoints"]["byName"];
export type TOnlineDeployment = TOnlineEndpoint["deployments"][number];
