-- Every email signed (issue 17): when an outbox email was signed (a retry sends the same signed bytes), the encrypted
-- attachments an encrypted notice may carry, and the organisation's choice to receive the notice's files that way.
-- Additive: existing rows are unsigned, without attachments, and organisations keep receiving no attachments.
ALTER TABLE "OutboxEmail" ADD COLUMN "signedAt" TIMESTAMPTZ(3);
ALTER TABLE "OutboxEmail" ADD COLUMN "attachments" JSONB;
ALTER TABLE "Organisation" ADD COLUMN "attachFilesEncrypted" BOOLEAN NOT NULL DEFAULT false;
