import "server-only";
import { adminRouter } from "./routers/admin";
import { auditRouter } from "./routers/audit";
import { computeRouter } from "./routers/compute";
import { datastoresRouter } from "./routers/datastores";
import { dataRouter } from "./routers/data";
import { endpointsRouter } from "./routers/endpoints";
import { environmentsRouter } from "./routers/environments";
import { batchEndpointsRouter } from "./routers/batch-endpoints";
import { jobsRouter } from "./routers/jobs";
import { lineageRouter } from "./routers/lineage";
import { authRouter } from "./routers/auth";
import { experimentsRouter } from "./routers/experiments";
import { invitationsRouter } from "./routers/invitations";
import { meRouter } from "./routers/me";
import { labelingRouter } from "./routers/labeling";
import { modelsRouter } from "./routers/models";
import { membersRouter } from "./routers/members";
import { rolesRouter } from "./routers/roles";
import { runsRouter } from "./routers/runs";
import { tokensRouter } from "./routers/tokens";
import { workspacesRouter } from "./routers/workspaces";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  workspaces: workspacesRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  roles: rolesRouter,
  audit: auditRouter,
  tokens: tokensRouter,
  experiments: experimentsRouter,
  runs: runsRouter,
  compute: computeRouter,
  datastores: datastoresRouter,
  environments: environmentsRouter,
  data: dataRouter,
  lineage: lineageRouter,
  labeling: labelingRouter,
  models: modelsRouter,
  endpoints: endpointsRouter,
  jobs: jobsRouter,
  batchEndpoints: batchEndpointsRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
