import { z } from "zod";
import { addLabelingItems } from "../../services/labeling/add-labeling-items";
import { assignLabelingItems } from "../../services/labeling/assign-labeling-items";
import { createLabelingProject } from "../../services/labeling/create-labeling-project";
import { deleteLabelingProject } from "../../services/labeling/delete-labeling-project";
import { findDataVersion } from "../../services/data/find-data-version";
import { ZDataVersionRef } from "../../services/data/data-asset-input";
import { findLabelingProject } from "../../services/labeling/find-labeling-project";
import { getLabelingItem } from "../../services/labeling/get-labeling-item";
import { labelingDashboard } from "../../services/labeling/labeling-dashboard";
import { ZLabelingProjectChange, ZNewLabelingProject } from "../../services/labeling/labeling-input";
import { ZLabelingAnnotationView, ZLabelingItemView } from "../../services/labeling/labeling-item-view";
import { labelingProjectView, ZLabelingProjectView } from "../../services/labeling/labeling-project-view";
import { listLabelingExports } from "../../services/labeling/list-labeling-exports";
import { listLabelingItems } from "../../services/labeling/list-labeling-items";
import { listLabelingProjects } from "../../services/labeling/list-labeling-projects";
import { nextLabelingItem } from "../../services/labeling/next-labeling-item";
import { nextReviewItem, ZReviewItem } from "../../services/labeling/next-review-item";
import { predictLabelingItems } from "../../services/labeling/predict-labeling-items";
import { reviewLabelingAnnotation } from "../../services/labeling/review-labeling-annotation";
import { skipLabelingItem } from "../../services/labeling/skip-labeling-item";
import { startLabelingExport } from "../../services/labeling/start-labeling-export";
import { submitLabelingItem } from "../../services/labeling/submit-labeling-item";
import { updateLabelingProject } from "../../services/labeling/update-labeling-project";
import { AppError } from "../../errors";
import { assertCan } from "../../rbac/access";
import { DONE, ZDone } from "../schemas";
import { router, workspaceProcedure } from "../trpc";
import {
  ZAssignInput,
  ZDashboard,
  ZExportInput,
  ZExportView,
  ZItemDetail,
  ZItemsInput,
  ZItemsPage,
  ZNextItemInput,
  ZProjectAddress,
  ZProjectSummary,
  ZReviewInput,
  ZSkipInput,
  ZSubmitInput,
} from "./labeling-schemas";

const base = "/workspaces/{workspaceId}/labeling";
const project = `${base}/{name}`;
const meta = (method: "GET" | "POST" | "PATCH" | "DELETE", path: `/${string}`, summary: string) => ({
  openapi: { method, path, tags: ["labeling"], summary },
});

export const labelingRouter = router({
  list: workspaceProcedure("labeling:read")
    .meta(meta("GET", base, "Labeling projects, newest first, with their items counted by status"))
    .output(z.array(ZProjectSummary))
    .query(({ ctx }) => listLabelingProjects(ctx.workspace.id)),

  byName: workspaceProcedure("labeling:read")
    .meta(meta("GET", project, "A labeling project with its labels, sources and counts"))
    .input(ZProjectAddress)
    .output(ZLabelingProjectView)
    .query(async ({ ctx, input }) => labelingProjectView(await findLabelingProject(ctx.workspace.id, input.name))),

  create: workspaceProcedure("labeling:write")
    .meta(meta("POST", base, "Create a labeling project from a data version"))
    .input(ZNewLabelingProject)
    .output(z.object({ name: z.string(), items: z.number() }))
    .mutation(({ ctx, input }) => createLabelingProject(ctx.actor, ctx.workspace.id, input)),

  update: workspaceProcedure("labeling:write")
    .meta(meta("PATCH", project, "Change instructions, labels, overlap or the ML assist endpoint"))
    .input(ZProjectAddress.merge(ZLabelingProjectChange))
    .output(ZDone)
    .mutation(async ({ ctx, input: { name, ...change } }) => {
      await updateLabelingProject(ctx.actor, await findLabelingProject(ctx.workspace.id, name), change);
      return DONE;
    }),

  delete: workspaceProcedure("labeling:write")
    .meta(meta("DELETE", project, "Delete a project with its labels; exported data versions stay"))
    .input(ZProjectAddress)
    .output(ZDone)
    .mutation(async ({ ctx, input }) => {
      await deleteLabelingProject(ctx.actor, await findLabelingProject(ctx.workspace.id, input.name));
      return DONE;
    }),

  addData: workspaceProcedure("labeling:write")
    .meta(meta("POST", `${project}/data`, "Add the new items of another version of the project's data asset"))
    .input(ZProjectAddress.extend({ data: ZDataVersionRef }))
    .output(z.object({ added: z.number(), total: z.number() }))
    .mutation(async ({ ctx, input }) => {
      const found = await findLabelingProject(ctx.workspace.id, input.name);
      const { asset, version } = await findDataVersion(ctx.workspace.id, input.data);
      if (asset.name !== found.dataAssetName)
        throw new AppError("BAD_REQUEST", `data: this project labels '${found.dataAssetName}', not '${asset.name}'`);
      return addLabelingItems(ctx.actor, found, version);
    }),

  next: workspaceProcedure("labeling:label")
    .meta(meta("POST", `${project}/next`, "Hand the caller their next item (leased for 15 minutes)"))
    .input(ZNextItemInput)
    .output(ZLabelingItemView.nullable())
    .mutation(async ({ ctx, input }) =>
      nextLabelingItem(await findLabelingProject(ctx.workspace.id, input.name), ctx.caller.userId, input.exclude),
    ),

  submit: workspaceProcedure("labeling:label")
    .meta(meta("POST", `${project}/submit`, "Submit the caller's labels for an item they hold"))
    .input(ZSubmitInput)
    .output(ZLabelingAnnotationView)
    .mutation(async ({ ctx, input: { name, ...submission } }) =>
      submitLabelingItem(await findLabelingProject(ctx.workspace.id, name), ctx.caller.userId, submission),
    ),

  skip: workspaceProcedure("labeling:label")
    .meta(meta("POST", `${project}/skip`, "Pass on an item the caller holds, with a reason"))
    .input(ZSkipInput)
    .output(ZLabelingAnnotationView)
    .mutation(async ({ ctx, input }) =>
      skipLabelingItem(
        await findLabelingProject(ctx.workspace.id, input.name),
        ctx.caller.userId,
        input.itemId,
        input.reason,
      ),
    ),

  nextReview: workspaceProcedure("labeling:review")
    .meta(meta("POST", `${project}/review/next`, "The oldest labels waiting for review that someone else made"))
    .input(ZNextItemInput)
    .output(ZReviewItem.nullable())
    .mutation(async ({ ctx, input }) =>
      nextReviewItem(await findLabelingProject(ctx.workspace.id, input.name), ctx.caller.userId, input.exclude),
    ),

  review: workspaceProcedure("labeling:review")
    .meta(meta("POST", `${project}/review`, "Accept labels, or reject them with a comment"))
    .input(ZReviewInput)
    .output(ZLabelingAnnotationView)
    .mutation(async ({ ctx, input: { name, ...review } }) =>
      reviewLabelingAnnotation(await findLabelingProject(ctx.workspace.id, name), ctx.caller.userId, review),
    ),

  items: workspaceProcedure("labeling:review")
    .meta(meta("GET", `${project}/items`, "Items in queue order, by status, with who worked on each"))
    .input(ZItemsInput)
    .output(ZItemsPage)
    .query(async ({ ctx, input: { name, cursor, ...page } }) =>
      listLabelingItems(await findLabelingProject(ctx.workspace.id, name), { ...page, afterSeq: cursor }),
    ),

  item: workspaceProcedure("labeling:review")
    .meta(meta("GET", `${project}/items/{itemId}`, "One item with everyone's labels, agreement, consensus and history"))
    .input(ZProjectAddress.extend({ itemId: z.string().min(1) }))
    .output(ZItemDetail)
    .query(async ({ ctx, input }) =>
      getLabelingItem(await findLabelingProject(ctx.workspace.id, input.name), input.itemId),
    ),

  assign: workspaceProcedure("labeling:write")
    .meta(meta("POST", `${project}/assign`, "Assign items to a member: given ones, or the next N"))
    .input(ZAssignInput)
    .output(z.object({ assigned: z.number() }))
    .mutation(async ({ ctx, input: { name, ...assignment } }) =>
      assignLabelingItems(ctx.actor, await findLabelingProject(ctx.workspace.id, name), assignment),
    ),

  dashboard: workspaceProcedure("labeling:read")
    .meta(meta("GET", `${project}/dashboard`, "Progress, people, throughput, label use and agreement"))
    .input(ZProjectAddress)
    .output(ZDashboard)
    .query(async ({ ctx, input }) => labelingDashboard(await findLabelingProject(ctx.workspace.id, input.name))),

  predict: workspaceProcedure("labeling:write")
    .meta(meta("POST", `${project}/predict`, "ML assist: suggestions from the project's endpoint for the next items"))
    .input(ZProjectAddress.extend({ count: z.number().int().min(1).max(200).default(20) }))
    .output(z.object({ predicted: z.number(), refused: z.number(), errors: z.array(z.string()) }))
    .mutation(async ({ ctx, input }) => {
      // Suggestions are scored on an endpoint: the caller must be allowed to invoke it.
      assertCan(ctx.role, "endpoint:invoke");
      return predictLabelingItems(await findLabelingProject(ctx.workspace.id, input.name), input.count);
    }),

  exports: workspaceProcedure("labeling:read")
    .meta(meta("GET", `${project}/exports`, "A project's exports with their progress"))
    .input(ZProjectAddress)
    .output(z.array(ZExportView))
    .query(async ({ ctx, input }) => listLabelingExports((await findLabelingProject(ctx.workspace.id, input.name)).id)),

  export: workspaceProcedure("labeling:write")
    .meta(meta("POST", `${project}/exports`, "Export accepted labels as a new data version, in the background"))
    .input(ZExportInput)
    .output(ZExportView)
    .mutation(async ({ ctx, input: { name, ...options } }) => {
      const found = await findLabelingProject(ctx.workspace.id, name);
      const started = await startLabelingExport(ctx.actor, found, options);
      return (await listLabelingExports(found.id)).find((e) => e.id === started.id)!;
    }),
});
