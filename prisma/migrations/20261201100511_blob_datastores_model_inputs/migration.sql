-- AlterTable: blobs stored so far are on workspaceblobstore, where every blob was written until
-- now (the workspace's default datastore if that one is gone, though its bytes went with it).
ALTER TABLE "DataBlob" ADD COLUMN     "datastoreId" TEXT;
UPDATE "DataBlob" b SET "datastoreId" = d."id" FROM "Datastore" d
  WHERE d."workspaceId" = b."workspaceId" AND d."name" = 'workspaceblobstore';
UPDATE "DataBlob" b SET "datastoreId" = d."id" FROM "Datastore" d
  WHERE b."datastoreId" IS NULL AND d."workspaceId" = b."workspaceId" AND d."isDefault";
ALTER TABLE "DataBlob" ALTER COLUMN "datastoreId" SET NOT NULL;

-- CreateTable
CREATE TABLE "RunModelInput" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "requestedRef" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunModelInput_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RunModelInput_versionId_idx" ON "RunModelInput"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "RunModelInput_runId_name_key" ON "RunModelInput"("runId", "name");

-- CreateIndex
CREATE INDEX "DataBlob_datastoreId_idx" ON "DataBlob"("datastoreId");

-- AddForeignKey
ALTER TABLE "DataBlob" ADD CONSTRAINT "DataBlob_datastoreId_fkey" FOREIGN KEY ("datastoreId") REFERENCES "Datastore"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunModelInput" ADD CONSTRAINT "RunModelInput_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunModelInput" ADD CONSTRAINT "RunModelInput_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

