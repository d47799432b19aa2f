-- CreateEnum
CREATE TYPE "EndpointAuthMode" AS ENUM ('key', 'token');

-- CreateEnum
CREATE TYPE "OnlineDeploymentState" AS ENUM ('Creating', 'Ready', 'Updating', 'Unhealthy', 'Failed', 'Deleting');

-- CreateEnum
CREATE TYPE "EndpointInstanceState" AS ENUM ('Starting', 'Ready', 'Unready', 'Failed');

-- CreateTable
CREATE TABLE "OnlineEndpoint" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "authMode" "EndpointAuthMode" NOT NULL DEFAULT 'key',
    "primaryKeySealed" TEXT NOT NULL,
    "secondaryKeySealed" TEXT NOT NULL,
    "traffic" JSONB NOT NULL DEFAULT '{}',
    "mirrorTraffic" JSONB NOT NULL DEFAULT '{}',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OnlineEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OnlineDeployment" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "modelRef" TEXT NOT NULL,
    "environmentVersionId" TEXT NOT NULL,
    "code" JSONB,
    "instanceCount" INTEGER NOT NULL DEFAULT 1,
    "cpu" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "memoryBytes" BIGINT NOT NULL DEFAULT 2147483648,
    "requestTimeoutMs" INTEGER NOT NULL DEFAULT 5000,
    "maxConcurrentRequestsPerInstance" INTEGER NOT NULL DEFAULT 1,
    "probes" JSONB NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "state" "OnlineDeploymentState" NOT NULL DEFAULT 'Creating',
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OnlineDeployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EndpointInstance" (
    "id" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    "hostId" TEXT,
    "containerId" TEXT,
    "socketDir" TEXT NOT NULL,
    "state" "EndpointInstanceState" NOT NULL DEFAULT 'Starting',
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMP(3),

    CONSTRAINT "EndpointInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EndpointRequestStat" (
    "id" BIGSERIAL NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" INTEGER NOT NULL,
    "latencyMs" REAL NOT NULL,
    "isMirror" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "EndpointRequestStat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OnlineEndpoint_workspaceId_name_key" ON "OnlineEndpoint"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "OnlineDeployment_modelVersionId_idx" ON "OnlineDeployment"("modelVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "OnlineDeployment_endpointId_name_key" ON "OnlineDeployment"("endpointId", "name");

-- CreateIndex
CREATE INDEX "EndpointInstance_deploymentId_idx" ON "EndpointInstance"("deploymentId");

-- CreateIndex
CREATE INDEX "EndpointRequestStat_deploymentId_at_idx" ON "EndpointRequestStat"("deploymentId", "at");

-- AddForeignKey
ALTER TABLE "OnlineEndpoint" ADD CONSTRAINT "OnlineEndpoint_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineDeployment" ADD CONSTRAINT "OnlineDeployment_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "OnlineEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineDeployment" ADD CONSTRAINT "OnlineDeployment_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineDeployment" ADD CONSTRAINT "OnlineDeployment_environmentVersionId_fkey" FOREIGN KEY ("environmentVersionId") REFERENCES "EnvironmentVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EndpointInstance" ADD CONSTRAINT "EndpointInstance_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "OnlineDeployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EndpointInstance" ADD CONSTRAINT "EndpointInstance_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "ComputeHost"("id") ON DELETE SET NULL ON UPDATE CASCADE;

