-- AlterTable
ALTER TABLE "ComputeHost" ADD COLUMN     "runStepsAsRoot" BOOLEAN NOT NULL DEFAULT false;

