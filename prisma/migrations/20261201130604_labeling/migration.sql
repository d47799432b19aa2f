-- CreateEnum
CREATE TYPE "LabelingTaskType" AS ENUM ('imageClassification', 'objectDetection', 'instanceSegmentation', 'textClassification', 'textEntities');

-- CreateEnum
CREATE TYPE "LabelingItemStatus" AS ENUM ('todo', 'inProgress', 'needsReview', 'done', 'broken');

-- CreateEnum
CREATE TYPE "LabelingAnnotationState" AS ENUM ('assigned', 'leased', 'submitted', 'skipped', 'accepted', 'rejected');

-- CreateTable
CREATE TABLE "LabelingProject" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "instructions" TEXT NOT NULL DEFAULT '',
    "taskType" "LabelingTaskType" NOT NULL,
    "multiLabel" BOOLEAN NOT NULL DEFAULT false,
    "labels" JSONB NOT NULL,
    "overlap" INTEGER NOT NULL DEFAULT 1,
    "dataAssetName" TEXT NOT NULL,
    "textColumn" TEXT,
    "assistEndpoint" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelingProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelingSource" (
    "projectId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelingSource_pkey" PRIMARY KEY ("projectId","versionId")
);

-- CreateTable
CREATE TABLE "LabelingItem" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "row" INTEGER,
    "text" TEXT,
    "width" INTEGER,
    "height" INTEGER,
    "status" "LabelingItemStatus" NOT NULL DEFAULT 'todo',
    "filled" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelingItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelingAnnotation" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "state" "LabelingAnnotationState" NOT NULL,
    "result" JSONB,
    "skipReason" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "assignedById" TEXT,
    "reviewerId" TEXT,
    "reviewComment" TEXT,
    "submittedAt" TIMESTAMP(3),
    "reviewedAt" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LabelingAnnotation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelingEvent" (
    "id" BIGSERIAL NOT NULL,
    "projectId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "annotationId" TEXT,
    "userId" TEXT,
    "kind" TEXT NOT NULL,
    "result" JSONB,
    "comment" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelingPrediction" (
    "itemId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "score" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelingPrediction_pkey" PRIMARY KEY ("itemId","source")
);

-- CreateTable
CREATE TABLE "LabelingExport" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "assetName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "dataVersion" INTEGER,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "LabelingExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LabelingProject_workspaceId_name_key" ON "LabelingProject"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "LabelingItem_projectId_status_seq_idx" ON "LabelingItem"("projectId", "status", "seq");

-- CreateIndex
CREATE INDEX "LabelingItem_projectId_filled_seq_idx" ON "LabelingItem"("projectId", "filled", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingItem_projectId_key_key" ON "LabelingItem"("projectId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingItem_projectId_seq_key" ON "LabelingItem"("projectId", "seq");

-- CreateIndex
CREATE INDEX "LabelingAnnotation_projectId_userId_state_idx" ON "LabelingAnnotation"("projectId", "userId", "state");

-- CreateIndex
CREATE INDEX "LabelingAnnotation_projectId_state_submittedAt_idx" ON "LabelingAnnotation"("projectId", "state", "submittedAt");

-- CreateIndex
CREATE INDEX "LabelingAnnotation_state_leaseExpiresAt_idx" ON "LabelingAnnotation"("state", "leaseExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingAnnotation_itemId_userId_key" ON "LabelingAnnotation"("itemId", "userId");

-- CreateIndex
CREATE INDEX "LabelingEvent_itemId_at_idx" ON "LabelingEvent"("itemId", "at");

-- CreateIndex
CREATE INDEX "LabelingEvent_projectId_kind_at_idx" ON "LabelingEvent"("projectId", "kind", "at");

-- CreateIndex
CREATE INDEX "LabelingPrediction_projectId_idx" ON "LabelingPrediction"("projectId");

-- CreateIndex
CREATE INDEX "LabelingExport_projectId_createdAt_idx" ON "LabelingExport"("projectId", "createdAt");

-- AddForeignKey
ALTER TABLE "LabelingProject" ADD CONSTRAINT "LabelingProject_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingSource" ADD CONSTRAINT "LabelingSource_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "LabelingProject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingItem" ADD CONSTRAINT "LabelingItem_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "LabelingProject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingAnnotation" ADD CONSTRAINT "LabelingAnnotation_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LabelingItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingPrediction" ADD CONSTRAINT "LabelingPrediction_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LabelingItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingExport" ADD CONSTRAINT "LabelingExport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "LabelingProject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

