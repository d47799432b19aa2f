-- AlterTable
ALTER TABLE "OnlineDeployment" ADD COLUMN     "message" TEXT;

