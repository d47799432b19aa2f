-- AlterTable
ALTER TABLE "ComputeHost" ADD COLUMN     "sshHostKey" TEXT;

