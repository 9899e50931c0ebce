-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "totpPendingSecret" TEXT;

-- Secrets being set up used to live on the person, visible to all their sessions; they now live on the session.
-- Unconfirmed ones are dropped: whoever was enrolling simply scans a new code.
UPDATE "User" SET "totpSecret" = NULL WHERE "totpEnabledAt" IS NULL;
