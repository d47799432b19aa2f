import { z } from "zod";
import { canSite } from "../../rbac/site";
import { createDatastore } from "../../services/datastores/create-datastore";
import { ZCreateDatastoreInput, ZUpdateDatastoreInput } from "../../services/datastores/datastore-inputs";
import { ZDatastore } from "../../services/datastores/datastore-view";
import { deleteDatastore } from "../../services/datastores/delete-datastore";
import { findDatastore } from "../../services/datastores/find-datastore";
import { datastoreView } from "../../services/datastores/datastore-view";
import { listDatastores } from "../../services/datastores/list-datastores";
import { setDefaultDatastore } from "../../services/datastores/set-default-datastore";
import { testDatastore } from "../../services/datastores/test-datastore";
import { updateDatastore } from "../../services/datastores/update-datastore";
import { DONE, ZDone } from "../schemas";
import { router, workspaceProcedure } from "../trpc";

const base = "/workspaces/{workspaceId}/datastores";
const ZById = z.object({ datastoreId: z.string().min(1) });

// Readers see datastores (never their credentials); only Owners change them (datastore:manage).
export const datastoresRouter = router({
  list: workspaceProcedure("data:read")
    .meta({ openapi: { method: "GET", path: base, tags: ["datastores"], summary: "The workspace's datastores" } })
    .output(z.array(ZDatastore))
    .query(({ ctx }) => listDatastores(ctx.workspace.id)),

  byId: workspaceProcedure("data:read")
    .meta({
      openapi: { method: "GET", path: `${base}/{datastoreId}`, tags: ["datastores"], summary: "One datastore" },
    })
    .input(ZById)
    .output(ZDatastore)
    .query(async ({ ctx, input }) => datastoreView(await findDatastore(ctx.workspace.id, input.datastoreId))),

  create: workspaceProcedure("datastore:manage")
    .meta({
      openapi: {
        method: "POST",
        path: base,
        tags: ["datastores"],
        summary: "Register a local or S3 datastore (credentials are stored encrypted and never returned)",
      },
    })
    .input(ZCreateDatastoreInput)
    .output(ZDatastore)
    .mutation(({ ctx, input }) => {
      const { workspaceId: _ignored, ...rest } = input;
      return createDatastore({ ...ctx.actor, isAdmin: canSite(ctx.caller, "site:storage") }, ctx.workspace.id, rest);
    }),

  update: workspaceProcedure("datastore:manage")
    .meta({
      openapi: {
        method: "PATCH",
        path: `${base}/{datastoreId}`,
        tags: ["datastores"],
        summary: "Change a datastore's settings; absent credentials stay as they are",
      },
    })
    .input(ZUpdateDatastoreInput)
    .output(ZDatastore)
    .mutation(({ ctx, input }) => {
      const { workspaceId: _ignored, ...rest } = input;
      return updateDatastore({ ...ctx.actor, isAdmin: canSite(ctx.caller, "site:storage") }, ctx.workspace.id, rest);
    }),

  setDefault: workspaceProcedure("datastore:manage")
    .meta({
      openapi: {
        method: "POST",
        path: `${base}/{datastoreId}/default`,
        tags: ["datastores"],
        summary: "Make a datastore the default: runs created from now on write there",
      },
    })
    .input(ZById)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await setDefaultDatastore(ctx.actor, ctx.workspace.id, input.datastoreId);
      return DONE;
    }),

  delete: workspaceProcedure("datastore:manage")
    .meta({
      openapi: {
        method: "DELETE",
        path: `${base}/{datastoreId}`,
        tags: ["datastores"],
        summary: "Remove a datastore that is not the default and holds no runs' files",
      },
    })
    .input(ZById)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await deleteDatastore(ctx.actor, ctx.workspace.id, input.datastoreId);
      return DONE;
    }),

  test: workspaceProcedure("datastore:manage")
    .meta({
      openapi: {
        method: "POST",
        path: `${base}/{datastoreId}/test`,
        tags: ["datastores"],
        summary: "Write, list and delete a probe object; a failure is described in one sentence",
      },
    })
    .input(ZById)
    .output(z.object({ ok: z.boolean(), message: z.string() }))
    .mutation(({ ctx, input }) => testDatastore(ctx.workspace.id, input.datastoreId)),
});
