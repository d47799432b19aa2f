-- CreateEnum
CREATE TYPE "DataLinkDirection" AS ENUM ('input', 'output');

-- CreateTable
CREATE TABLE "RunDataLink" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "direction" "DataLinkDirection" NOT NULL,
    "name" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunDataLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RunDataLink_versionId_idx" ON "RunDataLink"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "RunDataLink_runId_direction_name_key" ON "RunDataLink"("runId", "direction", "name");

-- AddForeignKey
ALTER TABLE "RunDataLink" ADD CONSTRAINT "RunDataLink_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunDataLink" ADD CONSTRAINT "RunDataLink_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DataAssetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

