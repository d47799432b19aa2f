-- CreateEnum
CREATE TYPE "BatchOutputAction" AS ENUM ('append_row', 'summary_only');

-- CreateTable
CREATE TABLE "BatchEndpoint" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "defaultDeploymentId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BatchEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchDeployment" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "modelVersionId" TEXT NOT NULL,
    "modelRef" TEXT NOT NULL,
    "environmentVersionId" TEXT NOT NULL,
    "environmentRef" TEXT NOT NULL,
    "compute" TEXT NOT NULL,
    "scoringScript" TEXT NOT NULL,
    "codeArchive" BYTEA NOT NULL,
    "codeFileCount" INTEGER NOT NULL,
    "codeBytes" INTEGER NOT NULL,
    "miniBatchSize" INTEGER NOT NULL DEFAULT 10,
    "instanceCount" INTEGER NOT NULL DEFAULT 1,
    "maxConcurrencyPerInstance" INTEGER NOT NULL DEFAULT 1,
    "maxRetries" INTEGER NOT NULL DEFAULT 3,
    "timeoutS" INTEGER NOT NULL DEFAULT 30,
    "errorThreshold" INTEGER NOT NULL DEFAULT -1,
    "outputAction" "BatchOutputAction" NOT NULL DEFAULT 'append_row',
    "outputFileName" TEXT NOT NULL DEFAULT 'predictions.csv',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BatchDeployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchInvocation" (
    "runId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "deploymentId" TEXT,
    "deploymentName" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BatchInvocation_pkey" PRIMARY KEY ("runId")
);

-- CreateIndex
CREATE UNIQUE INDEX "BatchEndpoint_defaultDeploymentId_key" ON "BatchEndpoint"("defaultDeploymentId");

-- CreateIndex
CREATE UNIQUE INDEX "BatchEndpoint_workspaceId_name_key" ON "BatchEndpoint"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "BatchDeployment_modelVersionId_idx" ON "BatchDeployment"("modelVersionId");

-- CreateIndex
CREATE INDEX "BatchDeployment_environmentVersionId_idx" ON "BatchDeployment"("environmentVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "BatchDeployment_endpointId_name_key" ON "BatchDeployment"("endpointId", "name");

-- CreateIndex
CREATE INDEX "BatchInvocation_endpointId_createdAt_idx" ON "BatchInvocation"("endpointId", "createdAt");

-- CreateIndex
CREATE INDEX "BatchInvocation_deploymentId_idx" ON "BatchInvocation"("deploymentId");

-- AddForeignKey
ALTER TABLE "BatchEndpoint" ADD CONSTRAINT "BatchEndpoint_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchEndpoint" ADD CONSTRAINT "BatchEndpoint_defaultDeploymentId_fkey" FOREIGN KEY ("defaultDeploymentId") REFERENCES "BatchDeployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchDeployment" ADD CONSTRAINT "BatchDeployment_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "BatchEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchDeployment" ADD CONSTRAINT "BatchDeployment_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchDeployment" ADD CONSTRAINT "BatchDeployment_environmentVersionId_fkey" FOREIGN KEY ("environmentVersionId") REFERENCES "EnvironmentVersion"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchInvocation" ADD CONSTRAINT "BatchInvocation_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchInvocation" ADD CONSTRAINT "BatchInvocation_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "BatchEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchInvocation" ADD CONSTRAINT "BatchInvocation_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "BatchDeployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

