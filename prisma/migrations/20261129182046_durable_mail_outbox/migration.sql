-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('QUEUED', 'SENT', 'DELIVERED', 'BOUNCED', 'COMPLAINED', 'FAILED');

-- CreateEnum
CREATE TYPE "MailBatchStatus" AS ENUM ('QUEUED', 'SENDING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "MailDispatch" (
    "id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailDispatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailBatch" (
    "id" UUID NOT NULL,
    "dispatchId" TEXT NOT NULL,
    "status" "MailBatchStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MailBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" TEXT NOT NULL,
    "dispatchId" TEXT NOT NULL,
    "batchId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "textBody" TEXT,
    "htmlBody" TEXT,
    "encrypted" BOOLEAN NOT NULL DEFAULT false,
    "organisationId" TEXT,
    "status" "OutboxStatus" NOT NULL DEFAULT 'QUEUED',
    "providerId" TEXT,
    "failureReason" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "providerId" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MailDispatch_createdAt_idx" ON "MailDispatch"("createdAt");

-- CreateIndex
CREATE INDEX "MailBatch_dispatchId_idx" ON "MailBatch"("dispatchId");

-- CreateIndex
CREATE INDEX "MailBatch_status_createdAt_idx" ON "MailBatch"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEmail_providerId_key" ON "OutboxEmail"("providerId");

-- CreateIndex
CREATE INDEX "OutboxEmail_dispatchId_status_idx" ON "OutboxEmail"("dispatchId", "status");

-- CreateIndex
CREATE INDEX "OutboxEmail_organisationId_idx" ON "OutboxEmail"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEmail_batchId_position_key" ON "OutboxEmail"("batchId", "position");

-- CreateIndex
CREATE INDEX "WebhookEvent_receivedAt_idx" ON "WebhookEvent"("receivedAt");

-- AddForeignKey
ALTER TABLE "MailBatch" ADD CONSTRAINT "MailBatch_dispatchId_fkey" FOREIGN KEY ("dispatchId") REFERENCES "MailDispatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_dispatchId_fkey" FOREIGN KEY ("dispatchId") REFERENCES "MailDispatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "MailBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
