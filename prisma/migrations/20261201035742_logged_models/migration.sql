-- CreateEnum
CREATE TYPE "LoggedModelStatus" AS ENUM ('Pending', 'Ready', 'Failed');

-- CreateTable
CREATE TABLE "LoggedModel" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "sourceRunId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "modelType" TEXT NOT NULL DEFAULT '',
    "status" "LoggedModelStatus" NOT NULL DEFAULT 'Pending',
    "statusMessage" TEXT NOT NULL DEFAULT '',
    "artifactPath" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "LoggedModel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LoggedModel_workspaceId_experimentId_createdAt_idx" ON "LoggedModel"("workspaceId", "experimentId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LoggedModel_sourceRunId_artifactPath_key" ON "LoggedModel"("sourceRunId", "artifactPath");

-- AddForeignKey
ALTER TABLE "LoggedModel" ADD CONSTRAINT "LoggedModel_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoggedModel" ADD CONSTRAINT "LoggedModel_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoggedModel" ADD CONSTRAINT "LoggedModel_sourceRunId_fkey" FOREIGN KEY ("sourceRunId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

