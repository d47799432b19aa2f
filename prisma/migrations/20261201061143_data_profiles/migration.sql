-- CreateEnum
CREATE TYPE "DataProfileStatus" AS ENUM ('queued', 'running', 'done', 'failed');

-- CreateTable
CREATE TABLE "DataProfile" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "status" "DataProfileStatus" NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "result" JSONB,
    "error" TEXT,
    "requestedById" TEXT,
    "workerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DataProfile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DataProfile_versionId_key" ON "DataProfile"("versionId");

-- CreateIndex
CREATE INDEX "DataProfile_status_createdAt_idx" ON "DataProfile"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "DataProfile" ADD CONSTRAINT "DataProfile_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DataAssetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

