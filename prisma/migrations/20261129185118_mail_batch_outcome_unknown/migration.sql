-- AlterTable
ALTER TABLE "MailBatch" ADD COLUMN     "outcomeUnknown" BOOLEAN NOT NULL DEFAULT false;
