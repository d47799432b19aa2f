-- CreateTable
CREATE TABLE "LoggedBatch" (
    "runId" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoggedBatch_pkey" PRIMARY KEY ("runId","batchId")
);

-- AddForeignKey
ALTER TABLE "LoggedBatch" ADD CONSTRAINT "LoggedBatch_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

