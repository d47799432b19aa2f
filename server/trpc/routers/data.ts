import { z } from "zod";
import { commitUploadSession } from "../../services/data/commit-upload-session";
import { createUploadSession, ZCreateUploadSession } from "../../services/data/create-upload-session";
import { ZDataDescription, ZDataTags } from "../../services/data/data-asset-input";
import { describeUploadSession, findUploadSession } from "../../services/data/find-upload-session";
import { findDataVersion } from "../../services/data/find-data-version";
import { getDataAsset } from "../../services/data/get-data-asset";
import { listDataAssets } from "../../services/data/list-data-assets";
import { listDataFiles } from "../../services/data/list-data-files";
import { referenceDatastorePath, ZReferenceDatastorePath } from "../../services/data/reference-datastore-path";
import { updateDataVersion } from "../../services/data/update-data-version";
import { versionView, ZDataVersionView } from "../../services/data/version-view";
import { listDataImages } from "../../services/data/list-data-images";
import { previewTable, ZTablePreview } from "../../services/data/preview-table";
import { previewText } from "../../services/data/preview-text";
import { ZTextPreview } from "../../services/data/read-text-preview";
import { ZDataProfileView } from "../../services/data-profile/data-profile-result";
import { findDataProfile } from "../../services/data-profile/find-data-profile";
import { requestDataProfile } from "../../services/data-profile/request-data-profile";
import { router, workspaceProcedure } from "../trpc";
import { refOf, ZVersionAddress } from "../../services/data/data-version-ref";
import { ZCommittedVersion, ZDataAssetSummary, ZDataAssetView, ZUploadSession } from "./data-schemas";

const base = "/workspaces/{workspaceId}/data";
const version = `${base}/{name}/versions/{version}`;
const meta = (method: "GET" | "POST" | "PATCH", path: `/${string}`, summary: string) => ({
  openapi: { method, path, tags: ["data"], summary },
});

export const dataRouter = router({
  list: workspaceProcedure("data:read")
    .meta(meta("GET", base, "Data assets with their latest version"))
    .input(z.object({ isArchivedIncluded: z.coerce.boolean().optional() }))
    .output(z.array(ZDataAssetSummary))
    .query(({ ctx, input }) => listDataAssets(ctx.workspace.id, input)),

  byName: workspaceProcedure("data:read")
    .meta(meta("GET", `${base}/{name}`, "A data asset with all its versions, archived ones marked"))
    .input(z.object({ name: z.string().min(1).max(255) }))
    .output(ZDataAssetView)
    .query(({ ctx, input }) => getDataAsset(ctx.workspace.id, input.name)),

  version: workspaceProcedure("data:read")
    .meta(meta("GET", version, "One version (a number or `latest`)"))
    .input(ZVersionAddress)
    .output(ZDataVersionView)
    .query(async ({ ctx, input }) => {
      const found = await findDataVersion(ctx.workspace.id, refOf(input));
      return versionView(found.asset, found.version);
    }),

  update: workspaceProcedure("data:write")
    .meta(meta("PATCH", version, "Change a version's description or tags (its files never change)"))
    .input(ZVersionAddress.extend({ description: ZDataDescription.optional(), tags: ZDataTags.optional() }))
    .output(ZDataVersionView)
    .mutation(({ ctx, input }) =>
      updateDataVersion(ctx.actor, ctx.workspace.id, refOf(input), {
        description: input.description,
        tags: input.tags,
      }),
    ),

  archive: workspaceProcedure("data:write")
    .meta(meta("POST", `${version}/archive`, "Archive a version: hidden from lists and `latest`, still readable"))
    .input(ZVersionAddress)
    .output(ZDataVersionView)
    .mutation(({ ctx, input }) => updateDataVersion(ctx.actor, ctx.workspace.id, refOf(input), { isArchived: true })),

  restore: workspaceProcedure("data:write")
    .meta(meta("POST", `${version}/restore`, "Restore an archived version"))
    .input(ZVersionAddress)
    .output(ZDataVersionView)
    .mutation(({ ctx, input }) => updateDataVersion(ctx.actor, ctx.workspace.id, refOf(input), { isArchived: false })),

  files: workspaceProcedure("data:read")
    .meta(meta("GET", `${version}/files`, "A version's files by path, a page at a time"))
    .input(
      ZVersionAddress.extend({
        after: z.string().max(1000).optional(),
        limit: z.coerce.number().int().min(1).max(5000).optional(),
      }),
    )
    .output(
      z.object({
        files: z.array(z.object({ path: z.string(), size: z.number(), sha256: z.string() })),
        nextAfter: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listDataFiles(ctx.workspace.id, refOf(input), input)),

  preview: workspaceProcedure("data:read")
    .meta(
      meta(
        "GET",
        `${version}/preview`,
        "The first 100 rows of a table, or of one CSV or Parquet file named by `path`, with its columns",
      ),
    )
    .input(ZVersionAddress.extend({ path: z.string().min(1).max(1000).optional() }))
    .output(ZTablePreview)
    .query(({ ctx, input }) => previewTable(ctx.workspace.id, refOf(input), input.path)),

  previewText: workspaceProcedure("data:read")
    .meta(meta("GET", `${version}/preview-text`, "The beginning of a text file (JSON pretty-printed), bounded in size"))
    .input(ZVersionAddress.extend({ path: z.string().min(1).max(1000) }))
    .output(ZTextPreview)
    .query(({ ctx, input }) => previewText(ctx.workspace.id, refOf(input), input.path)),

  images: workspaceProcedure("data:read")
    .meta(
      meta("GET", `${version}/images`, "A version's image files, a page at a time; their bytes are at …/view?path="),
    )
    .input(
      ZVersionAddress.extend({
        after: z.string().max(1000).optional(),
        limit: z.coerce.number().int().min(1).max(200).optional(),
      }),
    )
    .output(
      z.object({
        images: z.array(z.object({ path: z.string(), size: z.number() })),
        nextAfter: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listDataImages(ctx.workspace.id, refOf(input), input)),

  profile: workspaceProcedure("data:read")
    .meta(
      meta("GET", `${version}/profile`, "A table version's profile as far as it got, or null when none was requested"),
    )
    .input(ZVersionAddress)
    .output(ZDataProfileView.nullable())
    .query(({ ctx, input }) => findDataProfile(ctx.workspace.id, refOf(input))),

  requestProfile: workspaceProcedure("data:write")
    .meta(
      meta(
        "POST",
        `${version}/profile`,
        "Queue a table version's profile for a worker (once; again only after a failure)",
      ),
    )
    .input(ZVersionAddress)
    .output(ZDataProfileView)
    .mutation(({ ctx, input }) => requestDataProfile(ctx.actor, ctx.workspace.id, refOf(input))),

  downloadUrl: workspaceProcedure("data:read")
    .meta(meta("GET", `${version}/download-url`, "Where to download a version: one file as itself, a folder as a tar"))
    .input(ZVersionAddress.extend({ path: z.string().max(1000).optional() }))
    .output(z.object({ url: z.string(), isArchive: z.boolean() }))
    .query(async ({ ctx, input }) => {
      const found = await findDataVersion(ctx.workspace.id, refOf(input));
      const isArchive = input.path === undefined && found.version.fileCount !== 1;
      const query = input.path ? `?path=${encodeURIComponent(input.path)}` : "";
      return {
        url: `/api/v1/workspaces/${ctx.workspace.id}/data/${encodeURIComponent(found.asset.name)}/versions/${found.version.version}/download${query}`,
        isArchive,
      };
    }),

  createUpload: workspaceProcedure("data:write")
    .meta(
      meta(
        "POST",
        `${base}/uploads`,
        "Start a resumable upload of a new version's files; chunks go to PUT …/uploads/{uploadId}/files/{index}?offset=N",
      ),
    )
    .input(ZCreateUploadSession)
    .output(ZUploadSession.extend({ chunkBytes: z.number() }))
    .mutation(({ ctx, input }) => createUploadSession(ctx.actor, ctx.workspace.id, input)),

  upload: workspaceProcedure("data:write")
    .meta(
      meta("GET", `${base}/uploads/{uploadId}`, "An upload's state: the bytes received of each file, to resume from"),
    )
    .input(z.object({ uploadId: z.string().min(1).max(100) }))
    .output(ZUploadSession)
    .query(async ({ ctx, input }) => describeUploadSession(await findUploadSession(ctx.workspace.id, input.uploadId))),

  commitUpload: workspaceProcedure("data:write")
    .meta(
      meta(
        "POST",
        `${base}/uploads/{uploadId}/commit`,
        "Create the version from a finished upload; says how many bytes were new",
      ),
    )
    .input(z.object({ uploadId: z.string().min(1).max(100) }))
    .output(ZCommittedVersion)
    .mutation(({ ctx, input }) => commitUploadSession(ctx.actor, ctx.workspace.id, input.uploadId)),

  createReference: workspaceProcedure("data:write")
    .meta(meta("POST", `${base}/references`, "Create a version that points at a datastore path without copying"))
    .input(ZReferenceDatastorePath)
    .output(ZDataVersionView)
    .mutation(({ ctx, input }) => referenceDatastorePath(ctx.actor, ctx.workspace.id, input)),
});
