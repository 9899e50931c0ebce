-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "relatedCveIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
