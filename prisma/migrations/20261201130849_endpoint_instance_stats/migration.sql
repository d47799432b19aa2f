-- CreateTable
CREATE TABLE "EndpointInstanceStat" (
    "id" BIGSERIAL NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "cpuPercent" REAL NOT NULL,
    "memoryBytes" BIGINT NOT NULL,

    CONSTRAINT "EndpointInstanceStat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EndpointInstanceStat_deploymentId_at_idx" ON "EndpointInstanceStat"("deploymentId", "at");

-- CreateIndex
CREATE INDEX "EndpointInstanceStat_at_idx" ON "EndpointInstanceStat"("at");

