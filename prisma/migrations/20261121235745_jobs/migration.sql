-- CreateEnum
CREATE TYPE "HostState" AS ENUM ('Online', 'Offline');

-- CreateEnum
CREATE TYPE "BuildStatus" AS ENUM ('Building', 'Succeeded', 'Failed');

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "runId" TEXT,
ADD COLUMN     "scopeRole" "BuiltInRole",
ADD COLUMN     "workspaceId" TEXT;

-- CreateTable
CREATE TABLE "ComputeHost" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "tlsCa" TEXT,
    "tlsCert" TEXT,
    "tlsKeyEncrypted" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "maxConcurrentRuns" INTEGER NOT NULL DEFAULT 4,
    "networkMode" TEXT NOT NULL DEFAULT 'host',
    "isDraining" BOOLEAN NOT NULL DEFAULT false,
    "state" "HostState" NOT NULL DEFAULT 'Offline',
    "lastSeenAt" TIMESTAMP(3),
    "lastError" TEXT,
    "engineVersion" TEXT,
    "cpus" INTEGER,
    "memoryBytes" BIGINT,
    "gpus" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComputeHost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComputeTarget" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "selector" JSONB NOT NULL DEFAULT '{}',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "maxConcurrentRuns" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComputeTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnvironmentVersion" (
    "id" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "spec" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnvironmentVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnvironmentBuild" (
    "id" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "runId" TEXT,
    "status" "BuildStatus" NOT NULL DEFAULT 'Building',
    "log" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "EnvironmentBuild_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "runId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "command" TEXT NOT NULL,
    "computeTargetId" TEXT,
    "hostSelector" JSONB NOT NULL DEFAULT '{}',
    "environmentVersionId" TEXT,
    "inlineEnvironment" JSONB,
    "imageHash" TEXT NOT NULL,
    "cpu" DOUBLE PRECISION,
    "memoryBytes" BIGINT,
    "gpus" INTEGER NOT NULL DEFAULT 0,
    "timeoutS" INTEGER,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "isReady" BOOLEAN NOT NULL DEFAULT true,
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "hostId" TEXT,
    "containerId" TEXT,
    "workerId" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "logCursor" TEXT,
    "cancelRequestedAt" TIMESTAMP(3),
    "exitCode" INTEGER,
    "failureReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("runId")
);

-- CreateTable
CREATE TABLE "RunLogLine" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "stream" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunLogLine_pkey" PRIMARY KEY ("runId","seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "ComputeHost_workspaceId_name_key" ON "ComputeHost"("workspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ComputeTarget_workspaceId_name_key" ON "ComputeTarget"("workspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_workspaceId_name_key" ON "Environment"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "EnvironmentVersion_hash_idx" ON "EnvironmentVersion"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "EnvironmentVersion_environmentId_version_key" ON "EnvironmentVersion"("environmentId", "version");

-- CreateIndex
CREATE INDEX "EnvironmentBuild_hash_startedAt_idx" ON "EnvironmentBuild"("hash", "startedAt");

-- CreateIndex
CREATE INDEX "Job_hostId_idx" ON "Job"("hostId");

-- AddForeignKey
ALTER TABLE "ComputeHost" ADD CONSTRAINT "ComputeHost_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComputeTarget" ADD CONSTRAINT "ComputeTarget_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentVersion" ADD CONSTRAINT "EnvironmentVersion_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_computeTargetId_fkey" FOREIGN KEY ("computeTargetId") REFERENCES "ComputeTarget"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "ComputeHost"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_environmentVersionId_fkey" FOREIGN KEY ("environmentVersionId") REFERENCES "EnvironmentVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunLogLine" ADD CONSTRAINT "RunLogLine_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

