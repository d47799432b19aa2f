-- AlterTable
ALTER TABLE "LabelingPrediction" ADD COLUMN     "error" TEXT;

