-- AlterTable
ALTER TABLE "OnlineDeployment" ALTER COLUMN "cpu" DROP NOT NULL,
ALTER COLUMN "cpu" DROP DEFAULT,
ALTER COLUMN "memoryBytes" DROP NOT NULL,
ALTER COLUMN "memoryBytes" DROP DEFAULT;


-- Deployments made before requests were optional hold the old defaults, which nobody asked for:
-- they go back to asking nothing, so an upgrade does not start holding capacity (and leave
-- instances waiting for room) that the host never held before.
UPDATE "OnlineDeployment" SET "cpu" = NULL WHERE "cpu" = 1;
UPDATE "OnlineDeployment" SET "memoryBytes" = NULL WHERE "memoryBytes" = 2147483648;
