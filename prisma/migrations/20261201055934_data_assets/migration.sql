-- CreateEnum
CREATE TYPE "DataAssetType" AS ENUM ('uri_file', 'uri_folder', 'table');

-- CreateEnum
CREATE TYPE "TableFormat" AS ENUM ('csv', 'parquet');

-- CreateTable
CREATE TABLE "DataAsset" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataAsset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataAssetVersion" (
    "id" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "type" "DataAssetType" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "isArchived" BOOLEAN NOT NULL DEFAULT false,
    "datastoreName" TEXT NOT NULL DEFAULT 'workspaceblobstore',
    "referencePath" TEXT,
    "totalSize" BIGINT NOT NULL,
    "fileCount" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "tableFormat" "TableFormat",
    "tableSchema" JSONB,
    "mltable" JSONB,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataAssetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataAssetFile" (
    "versionId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,

    CONSTRAINT "DataAssetFile_pkey" PRIMARY KEY ("versionId","path")
);

-- CreateTable
CREATE TABLE "DataBlob" (
    "workspaceId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataBlob_pkey" PRIMARY KEY ("workspaceId","sha256")
);

-- CreateTable
CREATE TABLE "DataUploadSession" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "createdById" TEXT,
    "target" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataUploadSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataUploadFile" (
    "sessionId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "received" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "DataUploadFile_pkey" PRIMARY KEY ("sessionId","index")
);

-- CreateIndex
CREATE UNIQUE INDEX "DataAsset_workspaceId_name_key" ON "DataAsset"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "DataAssetVersion_digest_idx" ON "DataAssetVersion"("digest");

-- CreateIndex
CREATE UNIQUE INDEX "DataAssetVersion_assetId_version_key" ON "DataAssetVersion"("assetId", "version");

-- CreateIndex
CREATE INDEX "DataAssetFile_sha256_idx" ON "DataAssetFile"("sha256");

-- CreateIndex
CREATE INDEX "DataBlob_usedAt_idx" ON "DataBlob"("usedAt");

-- CreateIndex
CREATE INDEX "DataUploadSession_expiresAt_idx" ON "DataUploadSession"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "DataUploadFile_sessionId_path_key" ON "DataUploadFile"("sessionId", "path");

-- AddForeignKey
ALTER TABLE "DataAsset" ADD CONSTRAINT "DataAsset_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataAssetVersion" ADD CONSTRAINT "DataAssetVersion_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "DataAsset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataAssetFile" ADD CONSTRAINT "DataAssetFile_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DataAssetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataBlob" ADD CONSTRAINT "DataBlob_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataUploadSession" ADD CONSTRAINT "DataUploadSession_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataUploadFile" ADD CONSTRAINT "DataUploadFile_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "DataUploadSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

