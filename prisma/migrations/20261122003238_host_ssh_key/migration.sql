-- AlterTable
ALTER TABLE "ComputeHost" ADD COLUMN     "sshKeyEncrypted" TEXT;

